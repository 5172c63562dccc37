package io.conversa.core.flow;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.conversa.core.cluster.CacheInvalidation;
import io.conversa.core.db.Transactions;
import io.conversa.core.db.jooq.tables.records.FlowsRecord;
import io.conversa.core.event.EventLog;
import io.conversa.core.event.EventType;
import io.conversa.core.security.Caller;
import io.conversa.core.web.Problems;
import io.conversa.engine.Flow;
import io.conversa.engine.FlowGraph;
import io.conversa.engine.validation.FlowValidator;
import io.conversa.engine.validation.ValidationError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.JSONB;
import org.jooq.Record2;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.JsonNode;

/**
 * Drafts are edited freely (and saved with a revision, so two editors cannot silently
 * overwrite each other); publishing validates the draft and freezes it as the next version.
 */
@Service
public class FlowService {

    private static final String STARTING_FLOWS = "starting-flows";

    private final Transactions transactions;
    private final FlowRepository flows;
    private final FlowJson json;
    private final EventLog events;
    private final FlowValidator validator = new FlowValidator();
    /** Published versions never change, so their graphs can be kept. */
    private final Cache<String, FlowGraph> graphs = Caffeine.newBuilder().maximumSize(10_000).build();
    /**
     * Each tenant's published versions in the order triggers are matched: read per message without
     * a session, changed only by publishing and deleting. Dropped on every process when they commit;
     * the time to live covers announcements lost while Redis was unreachable.
     */
    private final Cache<UUID, List<Record2<UUID, Integer>>> startingFlows = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(30)).maximumSize(10_000).build();
    private final CacheInvalidation invalidation;

    FlowService(Transactions transactions, FlowRepository flows, FlowJson json, EventLog events,
            CacheInvalidation invalidation) {
        this.invalidation = invalidation;
        invalidation.listen(STARTING_FLOWS, tenantId -> startingFlows.invalidate(UUID.fromString(tenantId)));
        this.events = events;
        this.transactions = transactions;
        this.flows = flows;
        this.json = json;
    }

    public List<FlowSummary> list(Caller caller) {
        return transactions.inTenant(caller.tenantId(), () -> flows.list(caller.tenantId()));
    }

    public FlowDetail create(Caller caller, JsonNode document) {
        Flow flow = json.read(document);
        UUID id = UUID.randomUUID();
        return transactions.inTenant(caller.tenantId(), () -> {
            flows.insert(caller.tenantId(), id, FlowRepository.nameOf(flow), json.jsonb(flow), caller.userId());
            return detail(find(caller, id));
        });
    }

    public FlowDetail get(Caller caller, UUID id) {
        return transactions.inTenant(caller.tenantId(), () -> detail(find(caller, id)));
    }

    /** @param expectedRevision the revision the editor started from; null to overwrite whatever is there */
    public FlowDetail update(Caller caller, UUID id, JsonNode document, Integer expectedRevision) {
        Flow flow = json.read(document);
        return transactions.inTenant(caller.tenantId(), () -> {
            FlowsRecord current = flows.lock(caller.tenantId(), id).orElseThrow(() -> notFound(id));
            if (expectedRevision != null && expectedRevision != current.getDraftRevision()) {
                ErrorResponseException problem = Problems.problem(HttpStatus.PRECONDITION_FAILED, "flow.saved-meanwhile",
                        current.getDraftRevision(), expectedRevision);
                problem.getBody().setProperty("currentRevision", current.getDraftRevision());
                throw problem;
            }
            flows.updateDraft(caller.tenantId(), id, FlowRepository.nameOf(flow), json.jsonb(flow),
                    current.getDraftRevision() + 1, caller.userId());
            return detail(find(caller, id));
        });
    }

    public void delete(Caller caller, UUID id) {
        transactions.inTenant(caller.tenantId(), () -> {
            flows.lock(caller.tenantId(), id).orElseThrow(() -> notFound(id));
            flows.markDeleted(caller.tenantId(), id);
            invalidation.afterCommit(STARTING_FLOWS, caller.tenantId().toString());
            return null;
        });
    }

    /** Freezes the draft as the next version, or refuses with every validation error. */
    public FlowVersion publish(Caller caller, UUID id) {
        return transactions.inTenant(caller.tenantId(), () -> {
            FlowsRecord current = flows.lock(caller.tenantId(), id).orElseThrow(() -> notFound(id));
            refuseProblems(current, "flow.cannot-publish");
            int version = current.getPublishedVersion() == null ? 1 : current.getPublishedVersion() + 1;
            flows.insertVersion(caller.tenantId(), id, version, current.getDraft(), caller.userId());
            invalidation.afterCommit(STARTING_FLOWS, caller.tenantId().toString());
            events.record(caller.tenantId(), EventType.FLOW_PUBLISHED, null,
                    Map.of("flowId", id, "version", version, "name", current.getName()));
            return flows.versions(caller.tenantId(), id).getFirst();
        });
    }

    /**
     * Freezes the draft for the builder's simulator as version {@code -revision} (the same draft
     * revision always gives the same version), or refuses with every validation error.
     */
    public int freezeForTest(Caller caller, UUID id) {
        return transactions.inTenant(caller.tenantId(), () -> {
            FlowsRecord current = flows.lock(caller.tenantId(), id).orElseThrow(() -> notFound(id));
            refuseProblems(current, "flow.cannot-test");
            int version = -current.getDraftRevision();
            flows.insertTestVersion(caller.tenantId(), id, version, current.getDraft(), caller.userId());
            return version;
        });
    }

    /** @param refusal the problem's code, its argument the number of problems */
    private void refuseProblems(FlowsRecord flow, String refusal) {
        List<ValidationError> errors = validator.validate(json.read(flow.getDraft()));
        if (!errors.isEmpty()) {
            ErrorResponseException problem = Problems.problem(HttpStatus.UNPROCESSABLE_CONTENT, refusal, errors.size());
            problem.getBody().setProperty("errors", errors);
            throw problem;
        }
    }

    public List<FlowVersion> versions(Caller caller, UUID id) {
        return transactions.inTenant(caller.tenantId(), () -> {
            find(caller, id);
            return flows.versions(caller.tenantId(), id);
        });
    }

    public JsonNode version(Caller caller, UUID id, int version) {
        return transactions.inTenant(caller.tenantId(), () -> flows.definition(caller.tenantId(), id, version)
                .filter(published -> version > 0)
                .map(definition -> json.tree(json.read(definition)))
                .orElseThrow(() -> Problems.notFound("flow.no-version", id, version)));
    }

    /** Makes a published version the draft again, e.g. to undo changes. */
    public FlowDetail restore(Caller caller, UUID id, int version) {
        return update(caller, id, version(caller, id, version), null);
    }

    /**
     * The flow a customer without a running session starts on: the one whose keyword they sent,
     * else the default flow. Runs in the caller's transaction.
     */
    public Optional<PublishedFlow> startingFlow(UUID tenantId, String text) {
        List<PublishedFlow> published = startingFlows.get(tenantId, flows::publishedVersions).stream()
                .flatMap(r -> published(tenantId, r.value1(), r.value2()).stream())
                .toList();
        return published.stream().filter(p -> p.graph().flow().triggers().matches(text)).findFirst()
                .or(() -> published.stream().filter(p -> p.graph().flow().triggers().defaultFlow()).findFirst());
    }

    /** A published version by number, from the cache once read. Runs in the caller's transaction. */
    public Optional<PublishedFlow> published(UUID tenantId, UUID flowId, int version) {
        FlowGraph cached = graphs.getIfPresent(flowId + ":" + version);
        if (cached != null) {
            return Optional.of(new PublishedFlow(flowId, version, cached));
        }
        return flows.definition(tenantId, flowId, version).map(definition -> published(flowId, version, definition));
    }

    /** The version a jump into the flow continues on. Runs in the caller's transaction. */
    public Optional<PublishedFlow> latestPublished(UUID tenantId, UUID flowId) {
        return flows.publishedVersion(tenantId, flowId).flatMap(version -> published(tenantId, flowId, version));
    }

    private PublishedFlow published(UUID flowId, int version, JSONB definition) {
        FlowGraph graph = graphs.get(flowId + ":" + version, key -> FlowGraph.of(json.read(definition)));
        return new PublishedFlow(flowId, version, graph);
    }

    private FlowsRecord find(Caller caller, UUID id) {
        return flows.find(caller.tenantId(), id).orElseThrow(() -> notFound(id));
    }

    private FlowDetail detail(FlowsRecord record) {
        Flow draft = json.read(record.getDraft());
        return new FlowDetail(FlowRepository.summary(record), json.tree(draft), validator.validate(draft));
    }

    private static ErrorResponseException notFound(UUID id) {
        return Problems.notFound("flow.not-found", id);
    }
}
