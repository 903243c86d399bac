package dev.moduleagent.agent.internal.deployment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP proxy that plug-in downloads go through ({@code plugins.proxy=http://host:port}), except to the hosts of
 * {@code plugins.noProxy} (comma-separated: a host name or address matched exactly, or {@code .example.com} /
 * {@code *.example.com} for a domain and its sub-domains). The JDK's HTTP client sends {@code http} requests to the
 * proxy in absolute form and opens a {@code CONNECT} tunnel for {@code https}, so TLS stays end to end.
 */
final class DownloadProxy extends ProxySelector {

    private final Proxy proxy;
    private final List<String> noProxy;

    private DownloadProxy(Proxy proxy, List<String> noProxy) {
        this.proxy = proxy;
        this.noProxy = noProxy;
    }

    /**
     * @param url {@code http://host:port}, or {@code null}/blank for direct downloads
     * @param noProxy the comma-separated exceptions, or {@code null}
     * @return the selector, or {@code null} when downloads go direct
     * @throws IllegalArgumentException naming the key whose value is wrong
     */
    static DownloadProxy parse(String url, String noProxy) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String shown = url.contains("@") ? "a value with a user part" : url; // never log a password
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("plugins.proxy is http://host:port, not " + shown);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1
                || uri.getUserInfo() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()
                || "/".equals(uri.getRawPath()))) {
            throw new IllegalArgumentException("plugins.proxy is http://host:port (no user, no path), not " + shown);
        }
        List<String> exceptions = noProxy == null ? List.of() : Arrays.stream(noProxy.split(","))
                .map(host -> host.trim().toLowerCase(Locale.ROOT)).filter(host -> !host.isEmpty())
                .map(host -> host.startsWith("*.") ? host.substring(1) : host).toList();
        return new DownloadProxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(),
                uri.getPort())), exceptions);
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        for (String exception : noProxy) {
            if (exception.startsWith(".") ? host.endsWith(exception) || host.equals(exception.substring(1))
                    : host.equals(exception)) {
                return List.of(Proxy.NO_PROXY);
            }
        }
        return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // the download fails with 503 and names the cause; there is no other proxy to try
    }

    /** @return {@code host:port} of the proxy, for the log */
    @Override
    public String toString() {
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        return address.getHostString() + ":" + address.getPort() + (noProxy.isEmpty() ? "" : " except " + noProxy);
    }
}
