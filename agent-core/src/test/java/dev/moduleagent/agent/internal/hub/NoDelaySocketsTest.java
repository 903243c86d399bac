package dev.moduleagent.agent.internal.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

class NoDelaySocketsTest {

    @Test
    void theSocketsTheSdkTakesFromTheContextHaveNagleOff() throws Exception {
        SSLContext plain = SSLContext.getInstance("TLS");
        plain.init(null, null, null);
        SSLContext wrapped = NoDelaySockets.wrap(plain);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket unconnected = wrapped.getSocketFactory().createSocket()) {
            assertTrue(unconnected.getTcpNoDelay(), "Paho's path: createSocket() then connect()");
            unconnected.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            assertTrue(unconnected.getTcpNoDelay(), "still set once connected");
            assertTrue(unconnected instanceof SSLSocket);
            assertEquals(plain.getProtocol(), wrapped.getProtocol());
        }
    }
}
