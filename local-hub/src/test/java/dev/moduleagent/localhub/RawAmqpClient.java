package dev.moduleagent.localhub;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.qpid.proton.Proton;
import org.apache.qpid.proton.engine.Collector;
import org.apache.qpid.proton.engine.Connection;
import org.apache.qpid.proton.engine.Event;
import org.apache.qpid.proton.engine.Transport;

/**
 * A bare AMQP client for tests of what the SDK never sends: Proton-J's engine over a blocking TLS socket, pumped by
 * the test thread until an event it waits for.
 */
final class RawAmqpClient implements AutoCloseable {

    private final SSLSocket socket;
    private final Transport transport = Proton.transport();
    private final Connection connection = Proton.connection();
    private final Collector collector = Proton.collector();
    private boolean socketClosed;

    private RawAmqpClient(SSLSocket socket) {
        this.socket = socket;
        connection.collect(collector);
        transport.bind(connection);
    }

    /** Connects TLS to the hub's AMQPS port (no SASL layer, as the SDK with X.509) and opens the AMQP connection. */
    static RawAmqpClient open(LocalHub hub, SSLContext ssl) throws IOException {
        SSLSocket socket = (SSLSocket) ssl.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress(hub.hostName(), hub.amqpPort()), 5000);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        socket.setSoTimeout(50);
        RawAmqpClient client = new RawAmqpClient(socket);
        client.connection.setHostname(hub.hostName());
        client.connection.setContainer("raw-test-client");
        client.connection.open();
        return client;
    }

    Connection connection() {
        return connection;
    }

    /** Writes bytes straight to the socket, bypassing the engine. */
    void sendRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Pumps until an event matches (returned, a copy) or the deadline; null at the deadline or when the hub closed. */
    Event await(Duration timeout, Predicate<Event> match) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Event event;
            while ((event = collector.peek()) != null) {
                Event copy = event.copy();
                collector.pop();
                if (match.test(copy)) {
                    return copy;
                }
            }
            if (!pumpOnce()) {
                return null;
            }
        }
        return null;
    }

    /** Whether the hub closed the socket within the deadline. */
    boolean awaitSocketClosed(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            while (collector.peek() != null) {
                collector.pop();
            }
            if (!pumpOnce()) {
                return true;
            }
        }
        return false;
    }

    private boolean pumpOnce() throws IOException {
        OutputStream out = socket.getOutputStream();
        int pending;
        while ((pending = transport.pending()) > 0) {
            ByteBuffer head = transport.head();
            byte[] bytes = new byte[pending];
            head.get(bytes);
            transport.pop(pending);
            out.write(bytes);
        }
        out.flush();
        if (socketClosed) {
            return false;
        }
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[16 * 1024];
        try {
            int read = in.read(buffer);
            if (read < 0) {
                socketClosed = true;
                transport.close_tail();
                return false;
            }
            int offset = 0;
            while (offset < read) {
                ByteBuffer tail = transport.tail();
                int n = Math.min(tail.remaining(), read - offset);
                if (n <= 0) {
                    break;
                }
                tail.put(buffer, offset, n);
                transport.process();
                offset += n;
            }
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            socketClosed = true;
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
