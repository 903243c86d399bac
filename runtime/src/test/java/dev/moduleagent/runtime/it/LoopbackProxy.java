package dev.moduleagent.runtime.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback that can go silent: after {@link #cut()} it keeps every connection open but forwards
 * nothing in either direction, which is what a dead NAT or cellular path looks like to both ends (a half-open link).
 */
final class LoopbackProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    /**
     * @param address the loopback address to listen on
     * @param port the port to listen on
     * @param target where connections are relayed to
     */
    LoopbackProxy(String address, int port, InetSocketAddress target) throws IOException {
        this.target = target;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        Thread acceptor = new Thread(this::accept, "it-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** From now on nothing is forwarded; connections stay open. */
    void cut() {
        cut = true;
    }

    /** Forwards again (for new connections; the silent ones are closed). */
    void restore() {
        sockets.forEach(SocketPump::closeQuietly);
        sockets.clear();
        cut = false;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(target, 5000);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed, or the target refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    if (!cut) {
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                if (!cut) {
                    SocketPump.closeQuietly(from);
                    SocketPump.closeQuietly(to);
                }
            }
        }, "it-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(SocketPump::closeQuietly);
    }
}
