package dev.moduleagent.certs.internal;

import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** IoT Hub's rules for device and module ids, and reading the CN out of a subject. */
public final class IdentityRules {

    /** IoT Hub's limit for device and module ids. */
    public static final int MAX_LENGTH = 128;
    private static final String SPECIALS = "-.%_*?!(),:=@$'";

    private IdentityRules() {
    }

    /**
     * @param what {@code device id} or {@code module id}
     * @param id the id to check
     * @return null when the id is valid, otherwise one line naming the problem (the bad character and its position)
     */
    public static String problem(String what, String id) {
        if (id == null || id.isEmpty()) {
            return what + " is empty";
        }
        if (id.length() > MAX_LENGTH) {
            return what + " '" + abbreviate(id) + "' is " + id.length() + " characters long (at most "
                    + MAX_LENGTH + " allowed)";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!isAllowed(c)) {
                return what + " '" + abbreviate(id) + "' has the character " + describe(c) + " at position "
                        + (i + 1) + "; allowed are ASCII letters, digits and " + SPECIALS;
            }
        }
        return null;
    }

    /**
     * @param subject an X.500 name
     * @return the value of its first CN, or null when it has none
     */
    public static String commonName(X500Name subject) {
        RDN[] rdns = subject.getRDNs(BCStyle.CN);
        if (rdns.length == 0) {
            return null;
        }
        var value = rdns[0].getFirst().getValue();
        return value instanceof ASN1String text ? text.getString() : value.toString();
    }

    private static boolean isAllowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SPECIALS.indexOf(c) >= 0;
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "' ' (space)";
        }
        if (c < 0x20 || c == 0x7f || c > 0x7e) {
            return String.format("U+%04X", (int) c);
        }
        return "'" + c + "'";
    }

    private static String abbreviate(String id) {
        String printable = id.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 37) + "...";
    }
}
