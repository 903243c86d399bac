package dev.moduleagent.certs.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/** Wraps an initialised server context so that every engine and server socket it makes asks for a client certificate. */
public final class ClientAuthRequestingContext extends SSLContextSpi {

    private final SSLContext delegate;

    private ClientAuthRequestingContext(SSLContext delegate) {
        this.delegate = delegate;
    }

    /**
     * @param initialised a context whose {@code init} has been called
     * @return a context that behaves the same but sets {@code wantClientAuth} on its engines and server sockets
     */
    public static SSLContext wrap(SSLContext initialised) {
        return new SSLContext(new ClientAuthRequestingContext(initialised), initialised.getProvider(),
                initialised.getProtocol()) { };
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        throw new KeyManagementException("this context is already initialised");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return delegate.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return new Factory(delegate.getServerSocketFactory());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return requestClientAuth(delegate.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return requestClientAuth(delegate.createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        SSLParameters parameters = delegate.getDefaultSSLParameters();
        parameters.setWantClientAuth(true);
        return parameters;
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return delegate.getSupportedSSLParameters();
    }

    private static SSLEngine requestClientAuth(SSLEngine engine) {
        engine.setWantClientAuth(true);
        return engine;
    }

    /** Server socket factory that asks for client certificates. */
    private static final class Factory extends SSLServerSocketFactory {
        private final SSLServerSocketFactory delegate;

        Factory(SSLServerSocketFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return request(delegate.createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return request(delegate.createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return request(delegate.createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return request(delegate.createServerSocket(port, backlog, address));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        private static ServerSocket request(ServerSocket socket) {
            ((SSLServerSocket) socket).setWantClientAuth(true);
            return socket;
        }
    }
}
