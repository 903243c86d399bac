package dev.moduleagent.firmware.internal;

import dev.moduleagent.api.ApplyContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An ApplyContext for tests that need to supersede at a moment of their choosing. */
final class FakeApplyContext implements ApplyContext {

    final List<String> progress = new CopyOnWriteArrayList<>();
    final Map<String, Object> reported = new HashMap<>();
    volatile boolean superseded;

    @Override
    public void progress(String description) {
        progress.add(description);
    }

    @Override
    public synchronized void report(Map<String, ?> properties) {
        properties.forEach((key, value) -> {
            if (value == null) {
                reported.remove(key);
            } else {
                reported.put(key, value);
            }
        });
    }

    @Override
    public boolean isSuperseded() {
        return superseded;
    }

    synchronized Object reported(String key) {
        return reported.get(key);
    }
}
