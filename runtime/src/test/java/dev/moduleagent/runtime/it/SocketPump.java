package dev.moduleagent.runtime.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.function.Consumer;

/** Copies one socket's input to another's output on a daemon thread of its own; both are closed when either ends. */
final class SocketPump {

    private SocketPump() {
    }

    /**
     * @param close closes a socket quietly (and forgets it)
     * @param name the thread's name
     */
    static void start(Socket from, Socket to, Consumer<Socket> close, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the link was cut or one side closed: close both below
            } finally {
                close.accept(from);
                close.accept(to);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes the socket, ignoring that it may be closed already. */
    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
