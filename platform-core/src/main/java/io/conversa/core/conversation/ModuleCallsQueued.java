package io.conversa.core.conversation;

/** A committed step asked for module calls: the runners should look now. */
record ModuleCallsQueued() {
}
