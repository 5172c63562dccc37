package io.conversa.engine.node;

import io.conversa.engine.Execution;
import io.conversa.engine.Outcome;
import io.conversa.engine.message.OutgoingMessage;
import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Sets flow variables to rendered templates, in order. */
public record SetVariableNode(List<Assignment> assignments) implements NodeData {

    /** A missing list is an empty one: checks say what it lacks, and nothing trips over a null. */
    public SetVariableNode {
        assignments = assignments == null ? List.of() : assignments;
    }

    public record Assignment(String variable, String value) {
    }

    @Override
    public Outcome enter(Execution execution) {
        assignments.forEach(a -> execution.setVariable(a.variable(), execution.render(a.value())));
        return Outcome.next();
    }

    @Override
    public List<String> handles() {
        return List.of("next");
    }

    @Override
    public boolean waits() {
        return false;
    }

    @Override
    public List<OutgoingMessage.Field> templates() {
        List<OutgoingMessage.Field> fields = new ArrayList<>();
        for (int i = 0; i < assignments.size(); i++) {
            fields.add(new OutgoingMessage.Field("assignments[" + i + "].value", assignments.get(i).value()));
        }
        return fields;
    }

    @Override
    public Set<String> definedVariables() {
        Set<String> names = new LinkedHashSet<>();
        assignments.forEach(a -> names.add(a.variable()));
        return names;
    }

    @Override
    public List<FieldProblem> check() {
        Checks checks = new Checks().count("assignments", assignments, 1, 50);
        for (int i = 0; assignments != null && i < assignments.size(); i++) {
            String variable = assignments.get(i).variable();
            checks.required("assignments[" + i + "].variable", variable)
                    .check(variable == null || Names.isVariable(variable), "assignments[" + i + "].variable", Names.RULE, Names.reserved())
                    .required("assignments[" + i + "].value", assignments.get(i).value());
        }
        return checks.problems();
    }
}
