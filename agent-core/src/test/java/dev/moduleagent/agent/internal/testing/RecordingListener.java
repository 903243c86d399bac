package dev.moduleagent.agent.internal.testing;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.DispatchListener;
import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.dispatch.LaneState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a dispatcher tells its listener, as text lines such as {@code state firmware waiting-for-plugin}. */
public final class RecordingListener implements DispatchListener {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void handlerChanged(String component, HandlerInfo handler) {
        lines.add("handler " + component + " " + (handler == null ? "none" : handler.bundle()));
    }

    @Override
    public void stateChanged(String component, LaneState state) {
        lines.add("state " + component + " " + state.label());
    }

    @Override
    public void outcome(String component, Ack ack) {
        lines.add("outcome " + component + " " + ack.code() + " " + ack.version());
    }

    /** @return the lines in order */
    public List<String> lines() {
        return lines;
    }
}
