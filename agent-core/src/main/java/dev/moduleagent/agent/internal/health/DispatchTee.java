package dev.moduleagent.agent.internal.health;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.DispatchListener;
import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.dispatch.LaneState;

/**
 * Hands every dispatch event to two listeners (the reported plug-in inventory first, then the health view).
 *
 * @param first told first
 * @param second told second
 */
public record DispatchTee(DispatchListener first, DispatchListener second) implements DispatchListener {

    @Override
    public void handlerChanged(String component, HandlerInfo handler) {
        first.handlerChanged(component, handler);
        second.handlerChanged(component, handler);
    }

    @Override
    public void stateChanged(String component, LaneState state) {
        first.stateChanged(component, state);
        second.stateChanged(component, state);
    }

    @Override
    public void outcome(String component, Ack ack) {
        first.outcome(component, ack);
        second.outcome(component, ack);
    }

    @Override
    public void laneBusy(String component, boolean busy) {
        first.laneBusy(component, busy);
        second.laneBusy(component, busy);
    }
}
