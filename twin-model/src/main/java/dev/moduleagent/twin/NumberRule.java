package dev.moduleagent.twin;

import java.util.regex.Pattern;

/**
 * IoT Hub stores numbers as 8-byte values: integers within {@value TwinLimits#MIN_INTEGER}..
 * {@value TwinLimits#MAX_INTEGER} (its documented bounds, 400 beyond), other numbers as finite doubles
 * ({@code 1e999999} would become Infinity). Numbers that keep their literal (Gson's, BigInteger, BigDecimal) are
 * judged by it.
 */
final class NumberRule {

    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    private NumberRule() {
    }

    static String problem(Number number, String path) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return integer(number.longValue(), String.valueOf(number), path);
        }
        if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (Double.isNaN(d)) {
                return path + " is not a number (NaN)";
            }
            return Double.isInfinite(d) ? path + " is a number beyond the range of a double (read as " + d + ")" : null;
        }
        return literal(String.valueOf(number), path);
    }

    private static String literal(String literal, String path) {
        if (INTEGER.matcher(literal).matches()) {
            String digits = literal.startsWith("-") ? literal.substring(1) : literal;
            return digits.length() <= 16 ? integer(Long.parseLong(literal), literal, path)
                    : integer(Long.MAX_VALUE, literal, path);
        }
        double number;
        try {
            number = Double.parseDouble(literal);
        } catch (NumberFormatException e) {
            return path + " is not a number: " + shortened(literal);
        }
        if (!Double.isFinite(number)) {
            return path + " is the number " + shortened(literal)
                    + ", beyond the range of an 8-byte floating-point value (at most about 1.8e308)";
        }
        return null;
    }

    private static String integer(long value, String literal, String path) {
        if (value >= TwinLimits.MIN_INTEGER && value <= TwinLimits.MAX_INTEGER) {
            return null;
        }
        return path + " is the integer " + shortened(literal) + ", outside IoT Hub's range "
                + TwinLimits.MIN_INTEGER + ".." + TwinLimits.MAX_INTEGER;
    }

    private static String shortened(String literal) {
        return literal.length() <= 40 ? literal : literal.substring(0, 40) + "… (" + literal.length() + " characters)";
    }
}
