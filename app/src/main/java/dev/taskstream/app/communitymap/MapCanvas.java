package dev.taskstream.app.communitymap;

import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.VPos;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * Draws a {@link MapScene} on one canvas, scaled to fit: thousands of circles and links cost one redraw, not
 * thousands of scene-graph nodes. Hovering shows a community's name and size; a click hands its id to
 * {@link #setOnPick}; the selected community is ringed and its links stand out. The background comes from CSS
 * ({@code .community-map}, the view around it).
 */
public final class MapCanvas extends Region {
    private static final double PADDING = 14;
    /** Communities of one member would be specks: every circle is drawn (and hit) at least this big. */
    private static final double MIN_RADIUS_PX = 3;
    private static final Color LINK = Color.web("#475569");
    private static final Color SELECTED = Color.web("#312e81");

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<MapScene> map = new SimpleObjectProperty<>(this, "map");
    private final StringProperty selectedId = new SimpleStringProperty(this, "selectedId");
    private final Tooltip tip = new Tooltip();
    private Consumer<String> onPick = id -> { };
    private int hovered = -1;
    private double scale = 1;
    private double offsetX;
    private double offsetY;

    public MapCanvas() {
        getStyleClass().add("map-canvas");
        getChildren().add(canvas);
        map.addListener((o, was, now) -> {
            hovered = -1;
            tip.hide();
            redraw();
        });
        selectedId.addListener((o, was, now) -> redraw());
        canvas.setOnMouseMoved(this::onMove);
        canvas.setOnMouseExited(e -> setHovered(-1, e));
        canvas.setOnMouseClicked(e -> {
            int i = hit(e.getX(), e.getY());
            if (i >= 0) {
                onPick.accept(map.get().circles().get(i).id());
            }
        });
    }

    public ObjectProperty<MapScene> mapProperty() {
        return map;
    }

    public StringProperty selectedIdProperty() {
        return selectedId;
    }

    /** Called with the id of a clicked community. */
    public void setOnPick(Consumer<String> onPick) {
        this.onPick = onPick;
    }

    /** Where a community's circle is drawn, in this region's coordinates; null when it is not on the map. */
    public Bounds circleBounds(String communityId) {
        MapScene s = map.get();
        int i = s == null ? -1 : s.indexOf(communityId);
        if (i < 0) {
            return null;
        }
        MapScene.Circle c = s.circles().get(i);
        double r = Math.max(MIN_RADIUS_PX, c.r() * scale);
        return new BoundingBox(offsetX + c.x() * scale - r, offsetY + c.y() * scale - r, 2 * r, 2 * r);
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 420;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 300;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 120;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 120;
    }

    private void onMove(MouseEvent e) {
        setHovered(hit(e.getX(), e.getY()), e);
    }

    private void setHovered(int i, MouseEvent e) {
        canvas.setCursor(i >= 0 ? Cursor.HAND : Cursor.DEFAULT);
        if (i >= 0) {
            MapScene.Circle c = map.get().circles().get(i);
            tip.setText(c.name() + "\n" + String.format("%,d", c.memberCount())
                    + (c.memberCount() == 1 ? " member" : " members") + " · #" + (c.rank() + 1) + " by size");
            tip.show(canvas, e.getScreenX() + 14, e.getScreenY() + 14);
        } else {
            tip.hide();
        }
        if (i != hovered) {
            hovered = i;
            redraw();
        }
    }

    private int hit(double px, double py) {
        MapScene s = map.get();
        return s == null ? -1 : s.hit((px - offsetX) / scale, (py - offsetY) / scale, MIN_RADIUS_PX / scale);
    }

    /** Fits the scene (circles included) into the canvas, centred, the same scale on both axes. */
    private void fit(MapScene s) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (MapScene.Circle c : s.circles()) {
            minX = Math.min(minX, c.x() - c.r());
            minY = Math.min(minY, c.y() - c.r());
            maxX = Math.max(maxX, c.x() + c.r());
            maxY = Math.max(maxY, c.y() + c.r());
        }
        double w = Math.max(1, canvas.getWidth() - 2 * PADDING);
        double h = Math.max(1, canvas.getHeight() - 2 * PADDING);
        scale = Math.min(w / Math.max(1e-9, maxX - minX), h / Math.max(1e-9, maxY - minY));
        offsetX = PADDING + (w - (maxX - minX) * scale) / 2 - minX * scale;
        offsetY = PADDING + (h - (maxY - minY) * scale) / 2 - minY * scale;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        MapScene s = map.get();
        if (s == null || s.circles().isEmpty()) {
            return;
        }
        fit(s);
        int selected = s.indexOf(selectedId.get());
        drawLinks(g, s, selected);
        for (int i = 0; i < s.circles().size(); i++) {
            drawCircle(g, s.circles().get(i), i == selected, i == hovered);
        }
    }

    private void drawLinks(GraphicsContext g, MapScene s, int selected) {
        double max = s.maxWeight() <= 0 ? 1 : s.maxWeight();
        for (MapScene.Link l : s.links()) { // lightest first: the heavy ones end up on top
            MapScene.Circle a = s.circles().get(l.a());
            MapScene.Circle b = s.circles().get(l.b());
            double share = Math.sqrt(l.weight() / max);
            boolean touchesSelected = l.a() == selected || l.b() == selected;
            g.setStroke(touchesSelected ? SELECTED.deriveColor(0, 1, 1, 0.85)
                    : LINK.deriveColor(0, 1, 1, selected >= 0 ? 0.08 + 0.2 * share : 0.15 + 0.4 * share));
            g.setLineWidth(0.6 + 4 * share);
            g.strokeLine(offsetX + a.x() * scale, offsetY + a.y() * scale, offsetX + b.x() * scale,
                    offsetY + b.y() * scale);
        }
    }

    private void drawCircle(GraphicsContext g, MapScene.Circle c, boolean selected, boolean hover) {
        double cx = offsetX + c.x() * scale;
        double cy = offsetY + c.y() * scale;
        double r = Math.max(MIN_RADIUS_PX, c.r() * scale);
        g.setFill(CommunityPalette.color(c.rank()));
        g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        g.setStroke(selected || hover ? SELECTED : Color.WHITE);
        g.setLineWidth(selected ? 3 : hover ? 2 : 1);
        g.strokeOval(cx - r, cy - r, 2 * r, 2 * r);
        if (selected) {
            g.setLineWidth(1.5);
            g.strokeOval(cx - r - 4, cy - r - 4, 2 * r + 8, 2 * r + 8);
        }
        if (c.rank() < CommunityPalette.DISTINCT && r >= 9) { // the chart's rank, so circle and bar pair up
            g.setFill(Color.WHITE);
            g.setFont(Font.font(null, FontWeight.BOLD, Math.min(14, r)));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(Integer.toString(c.rank() + 1), cx, cy);
        }
    }
}
