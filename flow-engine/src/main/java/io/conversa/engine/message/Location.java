package io.conversa.engine.message;

import io.conversa.engine.validation.Checks;
import io.conversa.engine.validation.FieldProblem;
import java.util.List;

public record Location(Double latitude, Double longitude, String name, String address) implements OutgoingMessage {

    @Override
    public List<FieldProblem> check() {
        return new Checks()
                .required("latitude", latitude).required("longitude", longitude)
                .check(latitude == null || latitude >= -90 && latitude <= 90, "latitude", "check.between", -90, 90)
                .check(longitude == null || longitude >= -180 && longitude <= 180, "longitude", "check.between", -180, 180)
                .problems();
    }
}
