package io.conversa.core.analytics;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * How a published flow version did in a period: per node, the sessions that entered it, the
 * answers it refused, and the sessions that stopped there (entered, never went on: customers
 * who stopped answering, or are still to answer); per edge, the sessions that followed it.
 */
public record FlowAnalytics(UUID flowId, int version, OffsetDateTime from, OffsetDateTime to, List<NodeStats> nodes,
        List<EdgeStats> edges) {

    public record NodeStats(String nodeId, long entered, long invalidAnswers, long stoppedHere) {
    }

    public record EdgeStats(String edgeId, String source, String target, long followed) {
    }
}
