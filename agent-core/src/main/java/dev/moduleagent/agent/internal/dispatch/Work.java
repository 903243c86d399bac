package dev.moduleagent.agent.internal.dispatch;

import dev.moduleagent.api.DesiredSection;

/**
 * A desired section queued for a plug-in, with its content hash.
 *
 * @param section the section
 * @param hash the content hash of its properties
 */
record Work(DesiredSection section, String hash) {
}
