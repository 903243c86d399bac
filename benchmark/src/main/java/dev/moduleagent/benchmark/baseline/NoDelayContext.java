package dev.moduleagent.benchmark.baseline;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The baseline's second variant: the same TLS context, but every client socket it hands the SDK (Paho) has
 * {@code TCP_NODELAY} on, which is the only way to set a socket option on the SDK's connection from the outside.
 * The agent does the same in agent-core (not reachable from a plain program, so written again here in a few lines).
 */
final class NoDelayContext extends SSLContextSpi {

    private final SSLContext inner;

    private NoDelayContext(SSLContext inner) {
        this.inner = inner;
    }

    static SSLContext wrap(SSLContext inner) {
        return new SSLContext(new NoDelayContext(inner), inner.getProvider(), inner.getProtocol()) { };
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
        throw new UnsupportedOperationException("already initialised");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        SSLSocketFactory sockets = inner.getSocketFactory();
        return new SSLSocketFactory() {
            @Override
            public String[] getDefaultCipherSuites() {
                return sockets.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return sockets.getSupportedCipherSuites();
            }

            @Override
            public Socket createSocket() throws IOException {
                return on(sockets.createSocket());
            }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                return on(sockets.createSocket(s, host, port, autoClose));
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return on(sockets.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress from, int fromPort) throws IOException {
                return on(sockets.createSocket(host, port, from, fromPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return on(sockets.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress from, int fromPort) throws IOException {
                return on(sockets.createSocket(host, port, from, fromPort));
            }
        };
    }

    private static Socket on(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return inner.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return inner.createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return inner.createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return inner.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return inner.getClientSessionContext();
    }
}
