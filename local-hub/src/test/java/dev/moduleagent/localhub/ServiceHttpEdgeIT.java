package dev.moduleagent.localhub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service API's HTTP edges with raw TLS sockets: oversized request lines and headers are answered (414, 431),
 * slow headers and idle connections are cut by their timeouts (short ones here: 1.5 s and 2 s), and bodies Gson would
 * silently rewrite (duplicate keys, lone surrogates, invalid UTF-8) or a number beyond double range are 400.
 */
class ServiceHttpEdgeIT {

    private static final String HOST = "127.0.0.43";
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path dataDir;

    private static LocalHub hub;
    private static SSLContext tls;
    private static String ownerKey;

    @BeforeAll
    static void startHub() throws Exception {
        hub = LocalHub.start(HubConfig.defaults(HOST, dataDir)
            .withServiceTimeouts(new HubConfig.ServiceTimeouts(HEADER_TIMEOUT, IDLE_TIMEOUT)));
        tls = HubTrust.context(hub);
        ownerKey = hub.ownerConnectionString().replaceAll(".*SharedAccessKey=", "");
        hub.serviceClient().createDevice("edge-device");
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void anOversizedRequestLineIsAnswered414ThenClosed() throws Exception {
        try (SSLSocket socket = connect()) {
            write(socket, "GET /devices/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: h\r\n\r\n");
            Response response = read(socket);
            assertEquals(414, response.status(), response.text());
            assertTrue(response.text().contains("request line exceeds"), response.text());
            assertClosedWithin(socket, Duration.ofSeconds(5));
        }
    }

    @Test
    void oversizedHeadersAreAnswered431ThenClosed() throws Exception {
        StringBuilder request = new StringBuilder("GET /devices HTTP/1.1\r\nHost: h\r\n");
        for (int i = 0; i < 20; i++) {
            request.append("X-Pad-").append(i).append(": ").append("p".repeat(1000)).append("\r\n");
        }
        try (SSLSocket socket = connect()) {
            write(socket, request.append("\r\n").toString());
            Response response = read(socket);
            assertEquals(431, response.status(), response.text());
            assertClosedWithin(socket, Duration.ofSeconds(5));
        }
    }

    @Test
    void headersTricklingInAreCutOffAtTheHeaderTimeoutWith408() throws Exception {
        try (SSLSocket socket = connect()) {
            long start = System.nanoTime();
            write(socket, "GET /devices HTTP/1.1\r\n");
            Thread trickle = new Thread(() -> trickle(socket), "slow-header-client");
            trickle.setDaemon(true);
            trickle.start();
            Response response = read(socket);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(408, response.status(), response.text());
            assertTrue(took.compareTo(HEADER_TIMEOUT.minusMillis(100)) >= 0 && took.compareTo(HEADER_TIMEOUT.plusSeconds(3)) < 0,
                "answered after " + took.toMillis() + " ms");
            assertClosedWithin(socket, Duration.ofSeconds(5));
        }
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (SSLSocket socket = connect()) {
            long start = System.nanoTime();
            assertClosedWithin(socket, IDLE_TIMEOUT.plusSeconds(3));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(IDLE_TIMEOUT.dividedBy(2)) >= 0, "closed after " + took.toMillis() + " ms");
        }
    }

    @Test
    void aKeptAliveConnectionIsClosedWhenIdleAfterItsAnswer() throws Exception {
        try (SSLSocket socket = connect()) {
            write(socket, "GET /devices/edge-device HTTP/1.1\r\nHost: h\r\nAuthorization: " + owner() + "\r\n\r\n");
            assertEquals(200, read(socket).status());
            long answered = System.nanoTime();
            assertClosedWithin(socket, IDLE_TIMEOUT.plusSeconds(3));
            assertTrue(Duration.ofNanos(System.nanoTime() - answered).compareTo(IDLE_TIMEOUT.dividedBy(2)) >= 0);
        }
    }

    @Test
    void aRequestBeingAnsweredIsNotCutByTheIdleTimeout() throws Exception {
        JsonObject device = hub.serviceClient().createDevice("silent-device");
        String key = device.getAsJsonObject("authentication").getAsJsonObject("symmetricKey").get("primaryKey").getAsString();
        CountDownLatch called = new CountDownLatch(1);
        DeviceClient client = new DeviceClient("HostName=" + HOST + ";DeviceId=silent-device;SharedAccessKey=" + key,
            IotHubClientProtocol.MQTT, ClientOptions.builder().sslContext(tls).build());
        try {
            client.open(false);
            client.subscribeToMethods((name, payload, context) -> {
                called.countDown();
                return null;   // the SDK then sends no answer: the hub's 504 ends the call
            }, null);
            try (SSLSocket socket = connect()) {
                String body = "{\"methodName\":\"never\",\"responseTimeoutInSeconds\":5}";
                write(socket, "POST /twins/silent-device/methods HTTP/1.1\r\nHost: h\r\nAuthorization: " + owner()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                Response response = read(socket);
                assertTrue(called.await(1, TimeUnit.SECONDS), "the device got the call");
                assertEquals(504, response.status(), "a 5 s call outlives the 2 s idle timeout: " + response.text());
            }
        } finally {
            client.close();
        }
    }

    @Test
    void bodiesThatWouldBeRewrittenAreRefusedAndNothingIsStored() throws Exception {
        byte[][] bodies = {
            utf8("{\"properties\":{\"desired\":{\"a\":1,\"a\":2}}}"),
            utf8("{\"properties\":{\"desired\":{\"a\":\"\\ud800\"}}}"),
            {'{', '"', 't', 'a', 'g', 's', '"', ':', '{', '"', 'a', '"', ':', '"', (byte) 0xC3, '(', '"', '}', '}'},
            utf8("{\"properties\":{\"desired\":{\"n\":1e999999}}}"),
        };
        String[] reasons = {"duplicate key 'a'", "lone surrogate", "not valid UTF-8", "1e999999"};
        for (int i = 0; i < bodies.length; i++) {
            try (SSLSocket socket = connect()) {
                write(socket, ("PATCH /twins/edge-device HTTP/1.1\r\nHost: h\r\nAuthorization: " + owner()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + bodies[i].length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().write(bodies[i]);
                Response response = read(socket);
                assertEquals(400, response.status(), response.text());
                assertTrue(response.text().contains(reasons[i]), response.text());
            }
        }
        JsonObject twin = hub.serviceClient().getDeviceTwin("edge-device");
        assertEquals(1, twin.getAsJsonObject("properties").getAsJsonObject("desired").get("$version").getAsInt(), twin.toString());
        assertEquals(0, twin.getAsJsonObject("tags").size(), twin.toString());
    }

    /** Status and body of one HTTP/1.1 response with a Content-Length. */
    private record Response(int status, String text) {
    }

    private static Response read(SSLSocket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before a response; got: " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(headers.replaceAll("(?is).*content-length: *([0-9]+).*", "$1"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Response(Integer.parseInt(headers.substring(9, 12)), body);
    }

    private static void assertClosedWithin(SSLSocket socket, Duration limit) throws IOException {
        socket.setSoTimeout((int) limit.toMillis());
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // drain what is left of an answer
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the hub did not close the connection within " + limit.toMillis() + " ms");
        } catch (IOException e) {
            // a reset is a close too
        }
    }

    private static void trickle(SSLSocket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 100; i++) {
                out.write('x');
                out.flush();
                TimeUnit.MILLISECONDS.sleep(200);   // the slow client's pace, not synchronisation
            }
        } catch (IOException e) {
            // the hub closed the connection: what the test waits for
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SSLSocket connect() throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(HOST, hub.servicePort());
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        return socket;
    }

    private static void write(SSLSocket socket, String text) throws IOException {
        write(socket, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void write(SSLSocket socket, byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String owner() {
        return SharedAccessSignature.create(HOST, "iothubowner", ownerKey, Instant.now().plusSeconds(600));
    }
}
