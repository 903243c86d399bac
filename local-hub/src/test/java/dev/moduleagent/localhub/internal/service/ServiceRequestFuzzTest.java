package dev.moduleagent.localhub.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.moduleagent.localhub.internal.HubCore;
import dev.moduleagent.localhub.internal.gateway.GatewayServer;
import dev.moduleagent.localhub.internal.sas.AccessPolicies;
import dev.moduleagent.localhub.internal.identity.CaRegistry;
import dev.moduleagent.localhub.internal.identity.ClientAuthenticator;
import dev.moduleagent.localhub.internal.identity.IdentityRegistry;
import dev.moduleagent.localhub.internal.mqtt.MethodInvoker;
import dev.moduleagent.localhub.internal.mqtt.SessionRegistry;
import dev.moduleagent.localhub.internal.sas.SharedAccessSignature;
import dev.moduleagent.localhub.internal.store.HubDatabase;
import dev.moduleagent.localhub.internal.telemetry.TelemetryLog;
import dev.moduleagent.localhub.internal.twin.TwinService;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzing the service API's request handling without sockets: raw bytes through the hub's HTTP codec, the owner
 * authorizer and the routes (an EmbeddedChannel with the gateway's HTTP codec and {@link ServiceEndpoint}'s handlers),
 * and authorized requests with a fuzzed method, path, query, If-Match and body against a hub core with its own
 * database. Every request is answered, never with a 5xx. Seed corpus in
 * {@code src/test/resources/…/ServiceRequestFuzzTestInputs/<method>/}.
 */
class ServiceRequestFuzzTest {

    private static final String HOST = "127.0.0.250";
    private static final List<HttpMethod> METHODS = List.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.POST, HttpMethod.DELETE, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private static Path dataDir;
    private static HubDatabase database;
    private static ServiceRoutes routes;
    private static ServiceAuthorizer authorizer;
    private static String token;

    @BeforeAll
    static void openHubCore() throws Exception {
        dataDir = Files.createTempDirectory("service-fuzz");
        database = HubDatabase.open(dataDir);
        Clock clock = Clock.systemUTC();
        TwinService twins = new TwinService(database, clock);
        IdentityRegistry identities = new IdentityRegistry(database, twins, 20, clock);
        identities.load();
        CaRegistry cas = new CaRegistry(database, clock);
        cas.load();
        SessionRegistry sessions = new SessionRegistry(database, clock);
        sessions.load();
        AccessPolicies policies = AccessPolicies.loadOrCreate(database);
        routes = new ServiceRoutes(new HubCore(HOST, identities, cas, twins, sessions, new MethodInvoker(sessions),
                new TelemetryLog(clock), new ClientAuthenticator(identities, cas, policies, HOST, clock), clock),
                policies);
        authorizer = new ServiceAuthorizer(HOST, policies, identities, clock);
        token = SharedAccessSignature.create(HOST, policies.owner().name(), policies.owner().key(),
                Instant.now().plusSeconds(86_400));
    }

    @AfterAll
    static void closeHubCore() throws IOException {
        if (database != null) {
            database.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @FuzzTest(maxDuration = "5m")
    void rawBytesAreAnsweredWithoutAServerError(byte[] input) {
        List<Integer> statuses = exchange(Unpooled.wrappedBuffer(input));
        statuses.forEach(status -> assertTrue(status < 500, "status " + status + " for " + new String(input)));
    }

    @FuzzTest(maxDuration = "5m")
    void authorizedRequestsAreAnsweredOnceWithoutAServerError(FuzzedDataProvider data) {
        HttpMethod method = data.pickValue(METHODS);
        String uri = "/" + data.consumeString(400);
        String ifMatch = data.consumeBoolean() ? data.consumeString(40) : null;
        FullHttpRequest request;
        try {
            request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                    Unpooled.wrappedBuffer(data.consumeRemainingAsBytes()));
        } catch (IllegalArgumentException notARequestLine) {
            return; // Netty refuses to build it, so no client can send it either
        }
        request.headers().set(HttpHeaderNames.AUTHORIZATION, token);
        if (ifMatch != null) {
            try {
                request.headers().set(HttpHeaderNames.IF_MATCH, ifMatch);
            } catch (IllegalArgumentException notAHeaderValue) {
                request.release();
                return;
            }
        }
        List<Integer> statuses = exchange(request);
        assertEquals(1, statuses.size(), "one answer to " + method + " " + uri);
        assertTrue(statuses.get(0) < 500, "status " + statuses.get(0) + " for " + method + " " + uri);
    }

    /** @return the statuses of the responses the handler wrote */
    private static List<Integer> exchange(Object inbound) {
        List<Integer> statuses = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new HttpServerCodec(GatewayServer.MAX_LINE,
                GatewayServer.MAX_HEADERS, 8192),
                new HttpObjectAggregator(ServiceEndpoint.MAX_BODY_BYTES), new ChannelOutboundHandlerAdapter() {
                    @Override
                    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                        if (msg instanceof HttpResponse response) {
                            statuses.add(response.status().code());
                        }
                        super.write(ctx, msg, promise);
                    }
                }, new ServiceRequestHandler(authorizer, routes));
        try {
            channel.writeInbound(inbound);
            channel.runPendingTasks();
        } finally {
            channel.finishAndReleaseAll();
        }
        return statuses;
    }
}
