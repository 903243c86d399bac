package dev.moduleagent.runtime.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that forwards every connection to the hub and can cut the link: close every forwarded
 * connection at once, and refuse new ones while the link is down. The chaos suite puts it on port 8883 of the hub's
 * host (the SDK's fixed port) in front of a hub listening on another port of the same address, so that the hub's
 * server certificate (subjectAltName = that address) stays valid through the proxy.
 */
final class LinkProxy implements AutoCloseable {


    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean up = true;

    LinkProxy(String address, int port, InetSocketAddress target) throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        this.target = target;
        this.acceptor = new Thread(this::accept, "link-proxy-" + address);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Closes every forwarded connection and refuses new ones until {@link #restore()}. */
    void cut() {
        up = false;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    void restore() {
        up = true;
    }

    /** @return how many client connections were forwarded so far */
    int connections() {
        return accepted.get();
    }

    /** @return how many client connections were refused while the link was down */
    int refused() {
        return refused.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!up) {
                    refused.incrementAndGet();
                    closeQuietly(client);
                    continue;
                }
                forward(client);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void forward(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        accepted.incrementAndGet();
        open.add(client);
        open.add(upstream);
        SocketPump.start(client, upstream, this::closeQuietly, "link-proxy-pump");
        SocketPump.start(upstream, client, this::closeQuietly, "link-proxy-pump");
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
