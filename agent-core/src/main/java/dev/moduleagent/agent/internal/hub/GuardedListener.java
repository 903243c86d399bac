package dev.moduleagent.agent.internal.hub;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what the agent does with a twin or a patch from ever reaching the connection loop: an exception there is a
 * defect of the agent, not of the connection, so it is logged and the session stays connected (a reconnect would only
 * read the same twin and fail the same way, forever).
 */
final class GuardedListener implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedListener.class);

    private final SessionListener delegate;

    GuardedListener(SessionListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void connectionChanged(ConnectionState state, String reason) {
        try {
            delegate.connectionChanged(state, reason);
        } catch (RuntimeException e) {
            LOG.error("connection state not passed on state={} reason=\"{}\"", state, e.toString());
        }
    }

    @Override
    public void twinRead(TwinSnapshot twin, boolean first) {
        try {
            delegate.twinRead(twin, first);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("twin not handled desiredVersion={}", twin.desiredVersion(), e);
        }
    }

    /** @return {@code false} (read the full twin) when handling the patch failed */
    @Override
    public boolean desiredChanged(DesiredPatch patch) {
        try {
            return delegate.desiredChanged(patch);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.error("desired patch not handled version={} next=full-twin", patch.version(), e);
            return false;
        }
    }
}
