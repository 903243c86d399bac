package dev.moduleagent.localhub.internal.mqtt;

import com.google.gson.JsonElement;

/** A direct method's answer: the status the module chose and its JSON payload (JSON null when it sent none). */
public record MethodResult(int status, JsonElement payload) {
}
