package dev.moduleagent.certs.internal;

import dev.moduleagent.certs.CertificateToolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * An EST server address as users write it, {@code https://host[:port]/.well-known/est[/label]}, split into what
 * Bouncy Castle's EST client takes: the authority ({@code host:port}) and the optional label.
 *
 * @param authority {@code host:port} (port 443 when the URL has none)
 * @param label the CA label, or null
 */
public record EstEndpoint(String authority, String label) {

    private static final String WELL_KNOWN = "/.well-known/est";
    private static final Pattern LABEL = Pattern.compile("[0-9A-Za-z_\\-.~!$&'()*+,;:=]{1,64}");

    /**
     * @param url {@code https://host[:port]/.well-known/est[/label]}
     * @return the endpoint
     * @throws CertificateToolException naming the URL and what is wrong with it
     */
    public static EstEndpoint parse(String url) throws CertificateToolException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new CertificateToolException("EST URL '" + url + "' is not a URL (" + e.getReason() + ")", e);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new CertificateToolException("EST URL '" + url + "' must be https://host[:port]/.well-known/est[/label]");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new CertificateToolException("EST URL '" + url + "' must have no user, query or fragment");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String label = null;
        if (path.startsWith(WELL_KNOWN + "/")) {
            label = path.substring(WELL_KNOWN.length() + 1);
            if (!LABEL.matcher(label).matches()) {
                throw new CertificateToolException("EST URL '" + url + "' has an invalid label '" + label + "'");
            }
        } else if (!path.equals(WELL_KNOWN)) {
            throw new CertificateToolException("EST URL '" + url + "' must have the path /.well-known/est[/label]");
        }
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        return new EstEndpoint(host + ":" + (uri.getPort() < 0 ? 443 : uri.getPort()), label);
    }

    /** @return {@code https://authority/.well-known/est[/label]}, for messages */
    public String url() {
        return "https://" + authority + WELL_KNOWN + (label == null ? "" : "/" + label);
    }
}
