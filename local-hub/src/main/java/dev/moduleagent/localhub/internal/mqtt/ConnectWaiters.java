package dev.moduleagent.localhub.internal.mqtt;

import dev.moduleagent.localhub.internal.identity.IdentityKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Method calls waiting for their target to connect (IoT Hub's {@code connectTimeoutInSeconds}): each is a future
 * completed with the target's connection when it comes online, or failed with a {@link TimeoutException}; at most
 * {@value #MAX_WAITING} wait at once.
 */
final class ConnectWaiters {

    static final int MAX_WAITING = 10_000;

    private final Map<IdentityKey, List<CompletableFuture<ClientConnection>>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    /** A future for the target's connection, or null when too many calls wait already. */
    CompletableFuture<ClientConnection> await(IdentityKey target, Duration timeout) {
        if (count.incrementAndGet() > MAX_WAITING) {
            count.decrementAndGet();
            return null;
        }
        CompletableFuture<ClientConnection> ready = new CompletableFuture<>();
        waiting.computeIfAbsent(target, k -> new CopyOnWriteArrayList<>()).add(ready);
        ready.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((connection, error) -> {
            count.decrementAndGet();
            waiting.computeIfPresent(target, (k, list) -> {
                list.remove(ready);
                return list.isEmpty() ? null : list;
            });
        });
        return ready;
    }

    /** The target is online with this connection: releases its waiting calls. */
    void release(IdentityKey target, ClientConnection connection) {
        List<CompletableFuture<ClientConnection>> list = waiting.get(target);
        if (list != null) {
            list.forEach(w -> w.complete(connection));
        }
    }

    boolean anyWaitingFor(IdentityKey target) {
        List<CompletableFuture<ClientConnection>> list = waiting.get(target);
        return list != null && !list.isEmpty();
    }
}
