package dev.moduleagent.certs.internal;

import java.util.regex.Pattern;

/** Tells IP literals from host names without any name lookup. */
public final class IpLiterals {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiterals() {
    }

    /**
     * @param text a host name or an address
     * @return true for a dotted IPv4 address or an IPv6 literal (it contains ':' and only hex digits, ':' and '.')
     */
    public static boolean isIpLiteral(String text) {
        return IPV4.matcher(text).matches() || (text.indexOf(':') >= 0 && IPV6.matcher(text).matches());
    }
}
