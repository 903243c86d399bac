package dev.moduleagent.runtime.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP proxy on loopback for the download tests: {@code CONNECT host:port} opens a tunnel (https), a request in
 * absolute form ({@code GET http://host:port/path}) is forwarded in origin form with {@code Connection: close}. It
 * records every request line, relays only to loopback addresses, and reads at most 16 KB of request head.
 */
final class HttpProxy implements AutoCloseable {

    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocket server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    HttpProxy(String address) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        Thread acceptor = new Thread(this::accept, "it-http-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return {@code http://address:port}, the value of {@code plugins.proxy} */
    String url() {
        return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** @return the request lines received so far, e.g. {@code CONNECT 127.0.0.82:41000 HTTP/1.1} */
    List<String> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread handler = new Thread(() -> handle(client), "it-http-proxy-client");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void handle(Socket client) {
        try {
            String[] head = readHead(client.getInputStream()).split("\r\n");
            requests.add(head[0]);
            String[] line = head[0].split(" ");
            boolean tunnel = "CONNECT".equals(line[0]);
            URI target = URI.create(tunnel ? "//" + line[1] : line[1]);
            if (!InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                client.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                client.close();
                return;
            }
            Socket upstream = new Socket(target.getHost(), target.getPort());
            sockets.add(upstream);
            OutputStream toClient = client.getOutputStream();
            if (tunnel) {
                toClient.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                upstream.getOutputStream().write(originForm(line, target, head).getBytes(StandardCharsets.US_ASCII));
            }
            SocketPump.start(client, upstream, SocketPump::closeQuietly, "it-http-proxy-pump");
            SocketPump.start(upstream, client, SocketPump::closeQuietly, "it-http-proxy-pump");
        } catch (IOException | RuntimeException e) {
            SocketPump.closeQuietly(client);
        }
    }

    private static String originForm(String[] line, URI target, String[] head) {
        StringBuilder request = new StringBuilder(line[0] + " " + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()) + " " + line[2] + "\r\n");
        for (int i = 1; i < head.length; i++) {
            String name = head[i].split(":", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!name.equals("connection") && !name.equals("proxy-connection")) {
                request.append(head[i]).append("\r\n");
            }
        }
        return request.append("Connection: close\r\n\r\n").toString();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD) {
                throw new IOException("no request head within " + MAX_HEAD + " bytes");
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.length() - 4);
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(SocketPump::closeQuietly);
    }
}
