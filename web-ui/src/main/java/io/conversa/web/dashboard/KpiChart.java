package io.conversa.web.dashboard;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import java.util.List;

/** A line chart of one figure over a period beside the period before (Chart.js, MIT licensed). */
@NpmPackage(value = "chart.js", version = "4.5.1")
@JsModule("./kpi-chart.ts")
@Tag("kpi-chart")
public class KpiChart extends Component implements HasSize {

    /** Each slice's label and the figure in it, now and in the period before (null: nothing to measure). */
    public record Series(List<String> labels, List<Double> current, List<Double> previous, String currentLabel, String previousLabel) {
    }

    public void show(Series series) {
        getElement().setPropertyBean("series", series);
    }
}
