package dev.moduleagent.firmware.internal;

import dev.moduleagent.api.ApplyContext;
import java.util.Locale;
import java.util.function.LongSupplier;

/** Turns byte counts into progress reports ({@code ac} 202), at most one a second, the first one at once. */
final class ProgressThrottle {

    private static final long INTERVAL_MILLIS = 1000;
    private final ApplyContext context;
    private final long total;
    private final LongSupplier clock;
    private long last = Long.MIN_VALUE;

    ProgressThrottle(ApplyContext context, long total, LongSupplier clock) {
        this.context = context;
        this.total = total;
        this.clock = clock;
    }

    void update(long bytes) {
        long now = clock.getAsLong();
        if (last == Long.MIN_VALUE || now - last >= INTERVAL_MILLIS) {
            last = now;
            context.progress(describe(bytes, total));
        }
    }

    static String describe(long bytes, long total) {
        return String.format(Locale.ROOT, "downloading %.1f MB of %.1f MB (%d%%)", bytes / 1e6, total / 1e6,
                bytes * 100 / total);
    }
}
