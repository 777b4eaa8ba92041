package com.cruddur.console.ui.rds;

import com.cruddur.console.core.aws.InstanceActivity;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The Activity pane, built in code (charts): the window (24 hours, 7 days), the one line about the instance's use,
 * why the metrics are not known, and three small charts — connections (maximum), CPU (average %), free storage (GB).
 * Colours come from the theme's looked-up colours in app.css, so light and dark both work.
 */
final class RdsActivityView {
    private final RdsActivityViewModel vm;
    private final LineChart<Number, Number> connections = chart("Connections (max)", "rds-chart-connections");
    private final LineChart<Number, Number> cpu = chart("CPU %", "rds-chart-cpu");
    private final LineChart<Number, Number> free = chart("Free storage GB", "rds-chart-storage");
    private final VBox root = new VBox(6);

    RdsActivityView(RdsActivityViewModel vm) {
        this.vm = vm;
        ToggleGroup group = new ToggleGroup();
        ToggleButton day = new ToggleButton("24 hours");
        ToggleButton week = new ToggleButton("7 days");
        day.setId("activityDayButton");
        week.setId("activityWeekButton");
        day.setToggleGroup(group);
        week.setToggleGroup(group);
        day.setSelected(true);
        // a toggle group lets both be off: the window stays what it was
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                group.selectToggle(was);
            } else {
                vm.window.set(now == week ? RdsActivityViewModel.WEEK : RdsActivityViewModel.DAY);
            }
        });
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(16, 16);
        busy.visibleProperty().bind(vm.loadingProperty());
        HBox bar = new HBox(6, day, week, busy);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label line = wrapped("activityLine", "rds-activity-line");
        line.textProperty().bind(vm.lineProperty());
        Label problem = wrapped("activityProblem", "rds-problem");
        problem.textProperty().bind(vm.problemProperty());
        for (Label l : List.of(line, problem)) {
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
        }
        HBox charts = new HBox(6, connections, cpu, free);
        charts.setId("activityCharts");
        for (LineChart<Number, Number> c : List.of(connections, cpu, free)) {
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        VBox.setVgrow(charts, Priority.ALWAYS);
        root.getChildren().addAll(bar, line, problem, charts);
        root.setPadding(new Insets(6, 4, 4, 4));
        root.getStyleClass().add("rds-activity");
        vm.activityProperty().addListener((o, was, a) -> draw(a));
        draw(vm.activityProperty().get());
    }

    Node node() {
        return root;
    }

    private static Label wrapped(String id, String styleClass) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        l.getStyleClass().add(styleClass);
        return l;
    }

    private void draw(InstanceActivity a) {
        if (a == null) {
            for (LineChart<Number, Number> c : List.of(connections, cpu, free)) {
                c.getData().clear();
            }
            return;
        }
        boolean days = a.window().compareTo(Duration.ofDays(1)) > 0;
        plot(connections, a, a.connections(), v -> v, days);
        plot(cpu, a, a.cpu(), v -> v, days);
        plot(free, a, a.freeStorage(), v -> v / 1e9, days);
    }

    /** Points as hours (or days) before the window's end, so the axis reads "-24 … 0". */
    private static void plot(LineChart<Number, Number> chart, InstanceActivity a, List<InstanceActivity.Point> points,
                             DoubleUnaryOperator scale, boolean days) {
        Instant end = a.end();
        double unit = days ? 86_400 : 3_600;
        XYChart.Series<Number, Number> s = new XYChart.Series<>();
        for (InstanceActivity.Point p : points) {
            double x = -(end.getEpochSecond() - p.at().getEpochSecond()) / unit;
            s.getData().add(new XYChart.Data<>(x, scale.applyAsDouble(p.value())));
        }
        NumberAxis x = (NumberAxis) chart.getXAxis();
        x.setLowerBound(-a.window().toSeconds() / unit);
        x.setUpperBound(0);
        x.setTickUnit(days ? 1 : 6);
        x.setLabel(days ? "days ago" : "hours ago");
        chart.getData().setAll(List.of(s));
    }

    private static LineChart<Number, Number> chart(String title, String styleClass) {
        NumberAxis x = new NumberAxis();
        x.setAutoRanging(false);
        x.setMinorTickVisible(false);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.valueOf(Math.round(-n.doubleValue()));
            }

            @Override
            public Number fromString(String s) {
                return -Double.parseDouble(s);
            }
        });
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(true);
        y.setMinorTickVisible(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setTitle(title);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setLegendVisible(false);
        c.setMinSize(160, 120);
        c.setPrefSize(240, 160);
        c.getStyleClass().addAll("rds-chart", styleClass);
        return c;
    }
}
