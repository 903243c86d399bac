package dev.moduleagent.agent.internal.testing;

import dev.moduleagent.agent.internal.hub.ChannelException;
import dev.moduleagent.agent.internal.hub.ChannelStatus;
import dev.moduleagent.agent.internal.hub.ChannelStatusListener;
import dev.moduleagent.agent.internal.hub.DesiredPatch;
import dev.moduleagent.agent.internal.hub.MethodListener;
import dev.moduleagent.agent.internal.hub.MethodReply;
import dev.moduleagent.agent.internal.hub.TwinChannel;
import dev.moduleagent.agent.internal.hub.TwinSnapshot;
import dev.moduleagent.twin.Json;
import java.util.Map;
import java.util.function.Consumer;

/** One connection to a {@link FakeHub}, with controls to drop it the ways the SDK reports. */
public final class FakeChannel implements TwinChannel {

    private final FakeHub hub;
    private final ChannelStatusListener listener;
    private volatile Consumer<DesiredPatch> onPatch;
    private volatile MethodListener methods;
    private volatile boolean open;
    private volatile boolean closed;

    FakeChannel(FakeHub hub, ChannelStatusListener listener) {
        this.hub = hub;
        this.listener = listener;
    }

    @Override
    public void open() throws ChannelException {
        hub.openAttempts.incrementAndGet();
        if (!hub.reachable) {
            throw new ChannelException("open failed: IO_ERROR: hub unreachable", false);
        }
        if (hub.failingOpens > 0) {
            hub.failingOpens--;
            throw new ChannelException("open failed: IO_ERROR: test failure", false);
        }
        open = true;
        listener.onStatus(ChannelStatus.CONNECTED, "CONNECTION_OK");
    }

    @Override
    public void subscribeDesired(Consumer<DesiredPatch> callback) throws ChannelException {
        requireOpen();
        hub.subscribes.incrementAndGet();
        onPatch = callback;
    }

    @Override
    public void subscribeMethods(MethodListener listener) throws ChannelException {
        requireOpen();
        methods = listener;
    }

    /**
     * Delivers a direct-method call on the caller's thread, as the SDK's receive thread does.
     *
     * @param name the method name
     * @param payloadJson the payload
     * @param reply where the answer goes
     */
    public void invoke(String name, String payloadJson, MethodReply reply) {
        MethodListener listener = methods;
        if (listener == null) {
            throw new IllegalStateException("methods not subscribed");
        }
        listener.invoked(name, payloadJson, reply);
    }

    @Override
    public TwinSnapshot getTwin() throws ChannelException {
        requireOpen();
        if (onPatch == null) {
            throw new IllegalStateException("Must subscribe to desired properties before getting twin.");
        }
        hub.twinReads.incrementAndGet();
        return new TwinSnapshot(hub.version(), hub.desiredCopy(), hub.reportedDocument());
    }

    @Override
    public long report(Map<String, Object> patch) throws ChannelException {
        requireOpen();
        if (!hub.reachable) {
            throw new ChannelException("reported patch: IO_ERROR", false);
        }
        if (hub.failingReports > 0) {
            hub.failingReports--;
            throw new ChannelException("reported patch: SERVER_BUSY", false);
        }
        if (!hub.acceptReported(Json.readObject(Json.write(patch)))) {
            throw new ChannelException("reported patch: the hub answered 413 (REQUEST_ENTITY_TOO_LARGE)", true, false,
                    true);
        }
        return hub.reported.size();
    }

    @Override
    public void sendEvent(String component, String json) throws ChannelException {
        requireOpen();
        hub.events.add(component + ":" + json);
    }

    @Override
    public void close() {
        open = false;
        closed = true;
        if (hub.closesHang) {
            try {
                hub.closesReturn.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return whether close() was called */
    public boolean closed() {
        return closed;
    }

    /**
     * Reports a status change as the SDK would.
     *
     * @param status the new status
     * @param reason the reason text
     */
    public void status(ChannelStatus status, String reason) {
        open = status == ChannelStatus.CONNECTED;
        listener.onStatus(status, reason);
    }

    void push(long version, Map<String, Object> changes) {
        Consumer<DesiredPatch> callback = onPatch;
        if (open && callback != null) {
            callback.accept(new DesiredPatch(version, changes));
        }
    }

    private void requireOpen() throws ChannelException {
        if (!open) {
            throw new ChannelException("not open", false);
        }
    }
}
