package dev.moduleagent.localhub.internal.mqtt;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.localhub.internal.identity.IdentityKey;
import dev.moduleagent.localhub.internal.json.BoundedJson;
import dev.moduleagent.localhub.internal.json.JsonRejection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct methods: delivers {@code $iothub/methods/POST/{name}/?$rid=} to the connected client and completes the
 * caller's future with the client's {@code $iothub/methods/res/{status}/?$rid=} answer, or with a 504 refusal
 * when none arrives in time.
 */
public final class MethodInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(MethodInvoker.class);
    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z0-9_*.:-]{1,100}");
    public static final int MAX_PAYLOAD_BYTES = 128 * 1024;
    private static final int MAX_PENDING = 10_000;

    private record Pending(IdentityKey target, CompletableFuture<MethodResult> future) {
    }

    private final SessionRegistry sessions;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final ConnectWaiters waiters = new ConnectWaiters();
    private final AtomicLong requestIds = new AtomicLong();

    public MethodInvoker(SessionRegistry sessions) {
        this.sessions = sessions;
        sessions.onMethodsSubscribed(this::methodsReady);
    }

    /** Sends the request; the future fails with a {@link Refusal} (404 not online, 504 timeout) or completes with the answer. */
    public CompletableFuture<MethodResult> invoke(IdentityKey target, String method, JsonElement payload, Duration timeout) {
        return invoke(target, method, payload, timeout, Duration.ZERO);
    }

    /**
     * As {@link #invoke(IdentityKey, String, JsonElement, Duration)}, but when the target is not connected (and
     * subscribed to methods) it is given {@code connectTimeout} to become so, as IoT Hub's
     * {@code connectTimeoutInSeconds} does; only then is it 404 {@code DeviceNotOnline}.
     */
    public CompletableFuture<MethodResult> invoke(IdentityKey target, String method, JsonElement payload, Duration timeout,
                                                  Duration connectTimeout) {
        try {
            checkRequest(method);
        } catch (Refusal refusal) {
            return CompletableFuture.failedFuture(refusal);
        }
        return connected(target, connectTimeout).thenCompose(connection -> send(connection, target, method, payload, timeout));
    }

    /** The target's connection once it is online and subscribed to methods, waiting at most {@code connectTimeout}. */
    private CompletableFuture<ClientConnection> connected(IdentityKey target, Duration connectTimeout) {
        ClientConnection now = online(target);
        if (now != null || connectTimeout.isZero()) {
            return now != null ? CompletableFuture.completedFuture(now) : CompletableFuture.failedFuture(notOnline(target));
        }
        CompletableFuture<ClientConnection> ready = waiters.await(target, connectTimeout);
        if (ready == null) {
            return CompletableFuture.failedFuture(new Refusal(429, "ThrottlingException", "too many method calls wait for targets"));
        }
        methodsReady(target); // it may have come online while the waiter was being registered
        LOG.info("method waits for the target to connect id={} connectTimeoutSeconds={}", target, connectTimeout.toSeconds());
        return ready.handle((connection, error) -> {
            if (error != null) {
                throw new CompletionException(notOnline(target));
            }
            return connection;
        });
    }

    /** Called when an identity (re)subscribed to methods: releases the calls waiting for it to connect. */
    void methodsReady(IdentityKey target) {
        ClientConnection connection = waiters.anyWaitingFor(target) ? online(target) : null;
        if (connection != null) {
            waiters.release(target, connection);
        }
    }

    private CompletableFuture<MethodResult> send(ClientConnection connection, IdentityKey target, String method,
                                                 JsonElement payload, Duration timeout) {
        String rid = Long.toHexString(requestIds.incrementAndGet());
        CompletableFuture<MethodResult> future = new CompletableFuture<>();
        pending.put(rid, new Pending(target, future));
        future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> pending.remove(rid));
        byte[] body = (payload == null ? JsonNull.INSTANCE : payload).toString().getBytes(StandardCharsets.UTF_8);
        connection.requestMethod(method, rid, body);
        LOG.info("method invoked id={} method={} rid={} timeoutSeconds={}", target, method, rid, timeout.toSeconds());
        return future.handle((result, error) -> settle(target, method, result, error));
    }

    /** A client answered a request; answers to unknown or other identities' requests are ignored. */
    public void complete(IdentityKey from, String rid, int status, byte[] body) {
        Pending call = pending.get(rid);
        if (call == null || !call.target().equals(from)) {
            LOG.info("method response ignored id={} rid={} reason=\"no pending request\"", from, rid);
            return;
        }
        call.future().complete(new MethodResult(status, payloadOf(from, body)));
    }

    private void checkRequest(String method) throws Refusal {
        if (!METHOD_NAME.matcher(method).matches()) {
            throw Refusal.badRequest("method name must be 1-100 characters of A-Z a-z 0-9 _ * . : -");
        }
        if (pending.size() >= MAX_PENDING) {
            throw new Refusal(429, "ThrottlingException", "too many method calls in progress");
        }
    }

    private ClientConnection online(IdentityKey target) {
        ClientConnection connection = sessions.live(target).orElse(null);
        return connection != null && sessions.isSubscribed(target, SubscriptionKind.METHODS) ? connection : null;
    }

    private static Refusal notOnline(IdentityKey target) {
        return Refusal.notFound("DeviceNotOnline", "'" + target + "' is not connected or not subscribed to methods");
    }

    private static MethodResult settle(IdentityKey target, String method, MethodResult result, Throwable error) {
        if (error == null) {
            LOG.info("method answered id={} method={} status={}", target, method, result.status());
            return result;
        }
        if (error instanceof TimeoutException) {
            LOG.info("method timed out id={} method={}", target, method);
            throw new CompletionException(new Refusal(504, "GatewayTimeout",
                "'" + target + "' did not answer method '" + method + "' in time"));
        }
        throw error instanceof CompletionException c ? c : new CompletionException(error);
    }

    private static JsonElement payloadOf(IdentityKey from, byte[] body) {
        if (body.length == 0) {
            return JsonNull.INSTANCE;
        }
        try {
            return BoundedJson.parse(body, MAX_PAYLOAD_BYTES);
        } catch (JsonRejection e) {
            LOG.info("method response payload dropped id={} reason=\"{}\"", from, e.getMessage());
            return JsonNull.INSTANCE;
        }
    }
}
