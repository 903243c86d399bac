package dev.moduleagent.localhub.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;

/**
 * Counts channel pipelines that are not torn down yet. It sits first in each pipeline, so it is removed last; a
 * server waits for zero before its thread groups stop, because a closing pipeline hops between the I/O thread and
 * the handler thread and must not find either stopped.
 */
@ChannelHandler.Sharable
public final class PipelineTracker extends ChannelHandlerAdapter {

    private int live;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        synchronized (this) {
            live++;
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        synchronized (this) {
            live--;
            notifyAll();
        }
    }

    /** Waits until every tracked pipeline is torn down, at most {@code millis}; returns whether it got there. */
    public synchronized boolean awaitNone(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (live > 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
