package dev.moduleagent.agent.internal.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the last renewal attempt ended, as reported in {@code agent.identity.renewal.last}.
 *
 * @param time when it ended
 * @param outcome {@code promoted}, {@code failed} (EST or files; old pair kept) or {@code rolled-back} (hub refused
 *     the new pair; old pair kept)
 * @param reason one line, or the new certificate's serial when promoted
 */
public record RenewalResult(Instant time, String outcome, String reason) {

    /** @return the reported form */
    public Map<String, Object> toReport() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("time", time.toString());
        map.put("outcome", outcome);
        map.put("reason", reason.length() > 500 ? reason.substring(0, 500) : reason);
        return map;
    }
}
