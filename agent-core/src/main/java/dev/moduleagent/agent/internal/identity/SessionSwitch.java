package dev.moduleagent.agent.internal.identity;

import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/** Moves the hub connection to another TLS identity without touching the dispatcher or the plug-ins. */
@FunctionalInterface
public interface SessionSwitch {

    /**
     * Closes the hub connection and opens one with {@code identity}; later reconnects use it too.
     *
     * @param identity key + chain + hub trust
     * @return completes normally once the hub accepted the connection and the twin was read; exceptionally, with
     *     the reason, when that attempt failed
     */
    CompletableFuture<Void> reconnectWith(SSLContext identity);
}
