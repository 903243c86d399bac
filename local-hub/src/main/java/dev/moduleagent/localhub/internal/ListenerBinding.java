package dev.moduleagent.localhub.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/** Binds a listener and turns a failure into one line naming the address and port, and why. */
public final class ListenerBinding {

    /** A listener could not be bound. */
    public static final class BindFailure extends Exception {

        private static final long serialVersionUID = 1L;
        private final boolean permissionDenied;

        BindFailure(String message, boolean permissionDenied, Throwable cause) {
            super(message, cause);
            this.permissionDenied = permissionDenied;
        }

        /** Whether the port needs privileges (below 1024 without root or {@code CAP_NET_BIND_SERVICE}). */
        public boolean permissionDenied() {
            return permissionDenied;
        }
    }

    private ListenerBinding() {
    }

    public static Channel bind(ServerBootstrap bootstrap, InetSocketAddress address) throws BindFailure, InterruptedException {
        try {
            return bootstrap.bind(address).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            String where = address.getHostString() + ":" + address.getPort();
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("in use")) {
                throw new BindFailure(where + " is already in use (another hub or program listens there)", false, e);
            }
            if (reason.contains("ermission denied")) {
                throw new BindFailure("no permission to listen on " + where
                    + " (ports below 1024 need root or CAP_NET_BIND_SERVICE)", true, e);
            }
            if (reason.contains("assign requested address")) {
                throw new BindFailure("cannot listen on " + where + ": the address is not one of this machine's", false, e);
            }
            throw new BindFailure("cannot listen on " + where + ": " + reason, false, e);
        }
    }
}
