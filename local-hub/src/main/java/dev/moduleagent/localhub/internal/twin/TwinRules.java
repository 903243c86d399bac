package dev.moduleagent.localhub.internal.twin;

import com.google.gson.JsonObject;
import dev.moduleagent.localhub.internal.Refusal;
import dev.moduleagent.twin.JsonTree;
import dev.moduleagent.twin.TwinRuleException;

/**
 * IoT Hub's twin rules (twin-model's {@link dev.moduleagent.twin.TwinRules}: keys, nesting, strings, numbers, sizes as
 * IoT Hub counts them) as local-hub answers them: a violating patch is refused with 400, a section grown beyond its
 * limit with 413, with the model's reason, and never stored.
 */
public final class TwinRules {

    private TwinRules() {
    }

    /** Checks the keys, values and nesting of a patch or replacement for the named section (the section is level 0). */
    public static void checkPatch(String section, JsonObject patch) throws Refusal {
        try {
            dev.moduleagent.twin.TwinRules.check(JsonTree.GSON, patch, section, 0);
        } catch (TwinRuleException e) {
            throw Refusal.badRequest(e.getMessage());
        }
    }

    /** Checks the size of a section (tags 8 KB, desired and reported 32 KB, IoT Hub's count) after a patch was merged. */
    public static void checkSize(String section, JsonObject merged) throws Refusal {
        try {
            dev.moduleagent.twin.TwinRules.checkSize(JsonTree.GSON, section, merged);
        } catch (TwinRuleException e) {
            throw Refusal.tooLarge(e.getMessage());
        }
    }
}
