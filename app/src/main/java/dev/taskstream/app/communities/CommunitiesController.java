package dev.taskstream.app.communities;

import dev.taskstream.app.communitymap.CommunityMapController;
import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.fx.Shown;
import dev.taskstream.app.fx.TooltipCell;
import dev.taskstream.app.task.ResultStats;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.shared.api.CommunityDetail;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.GraphStats;
import dev.taskstream.shared.api.MemberView;
import dev.taskstream.shared.api.RebuildRequest;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;

/** Thin controller of {@code communities.fxml}: binds the view to a {@link CommunitiesViewModel}. */
public final class CommunitiesController {
    /** Ctrl+R (Cmd+R on macOS). */
    static final KeyCombination REBUILD_KEY = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination IMPORT_KEY = new KeyCodeCombination(KeyCode.I, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination FILTER_KEY = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final CommunitiesViewModel vm;
    private final GraphImportViewModel imports;
    private final TaskCardViewModel taskCard;

    @FXML private BorderPane root;
    @FXML private Label totalLabel;
    @FXML private ProgressIndicator loadingIndicator;
    @FXML private TextField filterField;
    @FXML private Spinner<Integer> minMembersSpinner;
    @FXML private Button rebuildButton;
    @FXML private Button importButton;
    @FXML private ProgressBar importProgress;
    @FXML private Label importMessage;
    @FXML private Label rebuildMessage;
    @FXML private TableView<CommunityView> communitiesTable;
    @FXML private TableColumn<CommunityView, String> nameColumn;
    @FXML private TableColumn<CommunityView, Number> membersColumn;
    @FXML private TableColumn<CommunityView, String> topMembersColumn;
    @FXML private TableColumn<CommunityView, String> createdColumn;
    @FXML private Button previousPageButton;
    @FXML private Button nextPageButton;
    @FXML private Label pageLabel;
    @FXML private Label graphStatsLabel;
    @FXML private Label detailTitle;
    @FXML private Label detailDescription;
    @FXML private TableView<MemberView> membersTable;
    @FXML private TableColumn<MemberView, String> memberNameColumn;
    @FXML private TableColumn<MemberView, String> memberTypeColumn;
    @FXML private TableColumn<MemberView, Number> memberDegreeColumn;
    @FXML private Button previousMembersButton;
    @FXML private Button nextMembersButton;
    @FXML private Label memberPageLabel;
    @FXML private BarChart<Number, String> sizeChart;
    @FXML private CommunityMapController mapController;

    public CommunitiesController(CommunitiesViewModel vm, GraphImportViewModel imports, TaskCardViewModel taskCard) {
        this.vm = vm;
        this.imports = imports;
        this.taskCard = taskCard;
    }

    @FXML
    private void initialize() {
        // list
        communitiesTable.setItems(vm.communities());
        Label placeholder = new Label();
        placeholder.getStyleClass().add("placeholder");
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(vm.listMessageProperty());
        communitiesTable.setPlaceholder(placeholder);
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        nameColumn.setCellFactory(column -> new TooltipCell<>(c -> c.description() == null || c.description().isBlank()
                ? c.name() : c.name() + "\n\n" + c.description()));
        membersColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().memberCount()));
        topMembersColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(
                c.getValue().topMembers() == null ? "" : String.join(", ", c.getValue().topMembers())));
        topMembersColumn.setCellFactory(column -> new TooltipCell<>(null));
        createdColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(Formats.compactDateTime(c.getValue().createdAt())));
        createdColumn.setCellFactory(column -> new TooltipCell<>(c -> Formats.dateTime(c.createdAt())));
        communitiesTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.select(now);
            }
        });
        totalLabel.textProperty().bind(Bindings.createStringBinding(
                () -> vm.totalProperty().get() == 0 ? "" : Formats.count(vm.totalProperty().get()) + " total",
                vm.totalProperty()));
        totalLabel.visibleProperty().bind(vm.totalProperty().greaterThan(0));
        loadingIndicator.visibleProperty().bind(vm.loadingProperty());

        // filter and minimum size
        filterField.textProperty().addListener((o, was, now) -> vm.setFilter(now));
        minMembersSpinner.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(1, 100_000, 1));
        minMembersSpinner.valueProperty().addListener((o, was, now) -> vm.setMinMembers(now == null ? 1 : now));
        minMembersSpinner.setTooltip(new Tooltip("Only communities with at least this many members (asks the server)"));

        // pages
        pageLabel.textProperty().bind(Bindings.createStringBinding(
                () -> vm.pageCountProperty().get() == 0 ? ""
                        : "Page " + (vm.pageIndexProperty().get() + 1) + " of " + vm.pageCountProperty().get(),
                vm.pageIndexProperty(), vm.pageCountProperty()));
        previousPageButton.disableProperty().bind(vm.pageIndexProperty().lessThanOrEqualTo(0));
        nextPageButton.disableProperty().bind(vm.pageIndexProperty().add(1).greaterThanOrEqualTo(vm.pageCountProperty()));
        // the communities are counted in the title's chip; the whole statistics are in the tooltip
        graphStatsLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            GraphStats g = vm.statsProperty().get();
            return g == null ? "" : Formats.count(g.entities()) + " entities · " + Formats.count(g.edges()) + " edges";
        }, vm.statsProperty()));
        Tooltip statsTip = new Tooltip();
        statsTip.textProperty().bind(Bindings.createStringBinding(() -> {
            GraphStats g = vm.statsProperty().get();
            return g == null ? "" : "The graph of project " + vm.projectId() + ": " + Formats.count(g.entities())
                    + " entities, " + Formats.count(g.edges()) + " edges, " + Formats.count(g.communities())
                    + " communities";
        }, vm.statsProperty()));
        graphStatsLabel.setTooltip(statsTip);

        // detail
        membersTable.setItems(vm.members());
        Label memberPlaceholder = new Label();
        memberPlaceholder.getStyleClass().add("placeholder");
        memberPlaceholder.setWrapText(true);
        memberPlaceholder.textProperty().bind(vm.detailMessageProperty());
        membersTable.setPlaceholder(memberPlaceholder);
        memberNameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        memberNameColumn.setCellFactory(column -> new TooltipCell<>(null));
        memberTypeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        memberDegreeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().degree()));
        vm.detailProperty().addListener((o, was, d) -> showDetail(d));
        memberPageLabel.textProperty().bind(Bindings.createStringBinding(
                () -> vm.detailProperty().get() == null ? ""
                        : "Members page " + (vm.memberPageProperty().get() + 1) + " of " + vm.memberPageCountProperty().get(),
                vm.detailProperty(), vm.memberPageProperty(), vm.memberPageCountProperty()));
        previousMembersButton.disableProperty().bind(vm.memberPageProperty().lessThanOrEqualTo(0));
        nextMembersButton.disableProperty().bind(
                vm.memberPageProperty().add(1).greaterThanOrEqualTo(vm.memberPageCountProperty()));

        // chart
        vm.largest().addListener((javafx.collections.ListChangeListener<CommunityView>) c -> updateChart());
        updateChart();
        linkMap();

        // rebuild: one at a time from this window (another client's rebuild is attached on 409)
        rebuildButton.disableProperty().bind(vm.rebuildStartingProperty().or(
                taskCard.activeProperty().and(taskCard.taskNameProperty().isEqualTo(CommunitiesViewModel.REBUILD_TASK))));
        rebuildMessage.textProperty().bind(vm.rebuildMessageProperty());
        Shown.when(rebuildMessage, vm.rebuildMessageProperty().isNotEmpty());

        // import: one upload at a time, and not while this window's import or rebuild task runs
        importButton.disableProperty().bind(imports.uploadingProperty().or(taskCard.activeProperty().and(
                taskCard.taskNameProperty().isEqualTo(ResultStats.IMPORT_TASK)
                        .or(taskCard.taskNameProperty().isEqualTo(CommunitiesViewModel.REBUILD_TASK)))));
        importProgress.progressProperty().bind(imports.progressProperty());
        Shown.when(importProgress, imports.uploadingProperty());
        importMessage.textProperty().bind(imports.messageProperty());
        Shown.when(importMessage, imports.messageProperty().isNotEmpty());

        // keyboard: the window's shortcuts, shown in the tooltips
        rebuildButton.setTooltip(new Tooltip("Rebuild the communities on the server (" + REBUILD_KEY.getDisplayText() + ")"));
        importButton.setTooltip(new Tooltip("Import entities and edges from a JSON or CSV file ("
                + IMPORT_KEY.getDisplayText() + ")"));
        filterField.setTooltip(new Tooltip("Filter the communities by name or member (" + FILTER_KEY.getDisplayText() + ")"));
        root.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.getAccelerators().remove(REBUILD_KEY);
                was.getAccelerators().remove(IMPORT_KEY);
                was.getAccelerators().remove(FILTER_KEY);
            }
            installShortcuts(now);
        });
        installShortcuts(root.getScene());
    }

    private void installShortcuts(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.getAccelerators().put(REBUILD_KEY, () -> {
            if (!rebuildButton.isDisabled()) {
                onRebuild();
            }
        });
        scene.getAccelerators().put(IMPORT_KEY, () -> {
            if (!importButton.isDisabled()) {
                onImport();
            }
        });
        scene.getAccelerators().put(FILTER_KEY, () -> {
            filterField.requestFocus();
            filterField.selectAll();
        });
    }

    private void showDetail(CommunityDetail d) {
        if (d == null) {
            detailTitle.setText("No community selected");
            detailDescription.setText("");
            return;
        }
        // the name carries the size ("Ecology (136)"), and the description starts with it
        detailTitle.setText(d.name());
        detailDescription.setText(d.description() == null ? "" : d.description());
    }

    private void updateChart() {
        XYChart.Series<Number, String> series = SizeChart.series(vm.largest());
        sizeChart.getData().setAll(List.of(series));
        SizeChart.paint(series);
    }

    /**
     * Map and table select together: a click on a circle selects its row (a community beyond this page shows its
     * detail without a row), and the selected community is ringed on the map.
     */
    private void linkMap() {
        mapController.setOnPick(this::selectFromMap);
        communitiesTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.map().select(now.id());
            }
        });
        vm.detailProperty().addListener((o, was, d) -> vm.map().select(d == null ? null : d.id()));
    }

    private void selectFromMap(String communityId) {
        for (CommunityView c : communitiesTable.getItems()) {
            if (c.id().equals(communityId)) {
                communitiesTable.getSelectionModel().select(c); // as a click on the row: its listener loads the detail
                communitiesTable.scrollTo(c);
                return;
            }
        }
        communitiesTable.getSelectionModel().clearSelection();
        vm.selectById(communityId);
    }

    @FXML
    private void onRefresh() {
        vm.reload(); // the map too
    }

    @FXML
    private void onRebuild() {
        RebuildDialog dialog = new RebuildDialog(root.getScene() == null ? null : root.getScene().getWindow(),
                vm.projectId(), vm.totalProperty().get());
        // show(), not showAndWait(): no nested event loop; the answer arrives when the dialog closes
        dialog.setOnHidden(e -> {
            RebuildRequest request = dialog.getResult();
            if (request != null) {
                vm.rebuild(request);
            }
        });
        dialog.show();
    }

    @FXML
    private void onImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a graph into project " + vm.projectId());
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Graph files (*.json, *.csv)", "*.json", "*.csv"),
                new FileChooser.ExtensionFilter("JSON", "*.json"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"));
        File file = chooser.showOpenDialog(root.getScene() == null ? null : root.getScene().getWindow());
        if (file != null) {
            imports.importGraph(file.toPath());
        }
    }

    @FXML
    private void onPreviousPage() {
        vm.previousPage();
    }

    @FXML
    private void onNextPage() {
        vm.nextPage();
    }

    @FXML
    private void onPreviousMembers() {
        vm.previousMemberPage();
    }

    @FXML
    private void onNextMembers() {
        vm.nextMemberPage();
    }
}
