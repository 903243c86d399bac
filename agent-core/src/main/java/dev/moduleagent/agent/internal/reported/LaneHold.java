package dev.moduleagent.agent.internal.reported;

import dev.moduleagent.agent.internal.dispatch.Ack;
import dev.moduleagent.agent.internal.dispatch.DispatchListener;
import dev.moduleagent.agent.internal.dispatch.HandlerInfo;
import dev.moduleagent.agent.internal.dispatch.LaneState;

/**
 * Holds the outbox's newest patch open while a plug-in lane works, so that what the work reports and acknowledges
 * leaves with the change's arrival in one patch (see {@link ReportedAggregator#hold()}).
 *
 * @param aggregator the outbox
 */
public record LaneHold(ReportedAggregator aggregator) implements DispatchListener {

    @Override
    public void laneBusy(String component, boolean busy) {
        if (busy) {
            aggregator.hold();
        } else {
            aggregator.release();
        }
    }

    @Override
    public void handlerChanged(String component, HandlerInfo handler) {
        // only work matters here
    }

    @Override
    public void stateChanged(String component, LaneState state) {
        // only work matters here
    }

    @Override
    public void outcome(String component, Ack ack) {
        // only work matters here
    }
}
