package dev.moduleagent.agent.internal.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
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
 * An {@link SSLContext} whose client sockets have {@code TCP_NODELAY} set. The SDK (Paho) takes its sockets from
 * {@code sslContext.getSocketFactory()} and sets no socket option: with Nagle's algorithm on, a reported patch sent
 * right after the PUBACK of a desired patch waits for the hub's delayed ACK (about 40 ms on Linux). MQTT packets are
 * written whole, so nothing is gained by coalescing them.
 */
final class NoDelaySockets {

    private NoDelaySockets() {
    }

    /**
     * @param context an initialised context (key, chain and trust)
     * @return a context that hands out the same TLS sockets with {@code TCP_NODELAY} on
     */
    static SSLContext wrap(SSLContext context) {
        return new SSLContext(new Spi(context), context.getProvider(), context.getProtocol()) { };
    }

    /** Everything but the client socket factory goes to the wrapped context as it is. */
    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;

        Spi(SSLContext delegate) {
            this.delegate = delegate;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
                throws KeyManagementException {
            delegate.init(keys, trust, random);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new Factory(delegate.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return delegate.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return delegate.createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }
    }

    /** Sets {@code TCP_NODELAY} on every socket it makes. */
    static final class Factory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        Factory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return noDelay(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            return noDelay(delegate.createSocket(socket, consumed, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, local, localPort));
        }

        private static Socket noDelay(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }
    }
}
