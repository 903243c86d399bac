package dev.moduleagent.firmware.internal;

import dev.moduleagent.api.ApplyContext;
import java.util.Locale;

/**
 * Turns byte counts into progress reports ({@code ac} 202): the first at once, then one per whole percent gained.
 * How often they reach the hub is the agent's business (it forwards at most one a second, the latest wins), so the
 * plug-in keeps no clock of its own.
 */
final class ProgressSteps {

    private final ApplyContext context;
    private final long total;
    private long lastPercent = -1;

    ProgressSteps(ApplyContext context, long total) {
        this.context = context;
        this.total = total;
    }

    void update(long bytes) {
        long percent = total == 0 ? 100 : bytes * 100 / total;
        if (percent > lastPercent) {
            lastPercent = percent;
            context.progress(describe(bytes, total));
        }
    }

    static String describe(long bytes, long total) {
        return String.format(Locale.ROOT, "downloading %.1f MB of %.1f MB (%d%%)", bytes / 1e6, total / 1e6,
                total == 0 ? 100 : bytes * 100 / total);
    }
}
