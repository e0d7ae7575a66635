package dev.taskstream.app.communities;

import dev.taskstream.app.communitymap.CommunityMapController;
import dev.taskstream.app.fx.Shown;
import dev.taskstream.app.fx.TooltipCell;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.MemberView;
import dev.taskstream.shared.api.RebuildRequest;
import java.io.File;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.stage.FileChooser;

/**
 * Controller of {@code communities.fxml}: binds the view to a {@link CommunitiesViewModel} and its parts, and turns
 * clicks and shortcuts into their commands. Texts, enable rules and tooltips come from the view models; the
 * placeholders and fixed tooltips are in the FXML.
 */
public final class CommunitiesController {
    private final CommunitiesViewModel vm;
    private final CommunityListViewModel list;
    private final CommunityDetailViewModel detail;
    private final ProjectActionsViewModel actions;
    private final GraphImportViewModel imports;

    @FXML private BorderPane root;
    @FXML private Label totalLabel;
    @FXML private ProgressIndicator loadingIndicator;
    @FXML private TextField filterField;
    @FXML private Tooltip filterTip;
    @FXML private Spinner<Integer> minMembersSpinner;
    @FXML private Button rebuildButton;
    @FXML private Tooltip rebuildTip;
    @FXML private Button importButton;
    @FXML private Tooltip importTip;
    @FXML private ProgressBar importProgress;
    @FXML private Label importMessage;
    @FXML private Label rebuildMessage;
    @FXML private TableView<CommunityView> communitiesTable;
    @FXML private Label listPlaceholder;
    @FXML private TableColumn<CommunityView, String> nameColumn;
    @FXML private TableColumn<CommunityView, Number> membersColumn;
    @FXML private TableColumn<CommunityView, String> topMembersColumn;
    @FXML private Button previousPageButton;
    @FXML private Button nextPageButton;
    @FXML private Label pageLabel;
    @FXML private Label graphStatsLabel;
    @FXML private Tooltip graphStatsTip;
    @FXML private Label detailTitle;
    @FXML private Label detailDescription;
    @FXML private TableView<MemberView> membersTable;
    @FXML private Label membersPlaceholder;
    @FXML private TableColumn<MemberView, String> memberNameColumn;
    @FXML private TableColumn<MemberView, String> memberTypeColumn;
    @FXML private TableColumn<MemberView, Number> memberDegreeColumn;
    @FXML private Button previousMembersButton;
    @FXML private Button nextMembersButton;
    @FXML private Label memberPageLabel;
    @FXML private BarChart<Number, String> sizeChart;
    @FXML private CommunityMapController mapController;

    public CommunitiesController(CommunitiesViewModel vm) {
        this.vm = vm;
        this.list = vm.list();
        this.detail = vm.detail();
        this.actions = vm.actions();
        this.imports = vm.imports();
    }

    @FXML
    private void initialize() {
        // list
        communitiesTable.setItems(list.communities());
        listPlaceholder.textProperty().bind(list.messageProperty());
        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(CommunityRows.name(c.getValue())));
        nameColumn.setCellFactory(column -> new TooltipCell<>(CommunityRows::nameTooltip));
        membersColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().memberCount()));
        topMembersColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(CommunityRows.otherTopMembers(c.getValue())));
        topMembersColumn.setCellFactory(column -> new TooltipCell<>(null));
        communitiesTable.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.select(now);
            }
        });
        totalLabel.textProperty().bind(list.totalText());
        totalLabel.visibleProperty().bind(list.totalProperty().greaterThan(0));
        loadingIndicator.visibleProperty().bind(list.loadingProperty());
        filterField.textProperty().addListener((o, was, now) -> list.setFilter(now));
        filterTip.setText(actions.filterTooltip());
        minMembersSpinner.valueProperty().addListener((o, was, now) -> list.setMinMembers(now == null ? 1 : now));
        pageLabel.textProperty().bind(list.pageText());
        previousPageButton.disableProperty().bind(list.onFirstPage());
        nextPageButton.disableProperty().bind(list.onLastPage());
        graphStatsLabel.textProperty().bind(list.statsText());
        graphStatsTip.textProperty().bind(list.statsTooltip());

        // detail
        membersTable.setItems(detail.members());
        membersPlaceholder.textProperty().bind(detail.messageProperty());
        memberNameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        memberNameColumn.setCellFactory(column -> new TooltipCell<>(null));
        memberTypeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().type()));
        memberDegreeColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().degree()));
        detailTitle.textProperty().bind(detail.title());
        detailDescription.textProperty().bind(detail.description());
        memberPageLabel.textProperty().bind(detail.pageText());
        previousMembersButton.disableProperty().bind(detail.onFirstPage());
        nextMembersButton.disableProperty().bind(detail.onLastPage());

        // chart and map
        list.largest().addListener((ListChangeListener<CommunityView>) c -> updateChart());
        updateChart();
        linkMap();

        // the actions that change the project: off, with the reason, while an import or rebuild of it runs
        rebuildButton.disableProperty().bind(actions.rebuildDisabled());
        rebuildTip.textProperty().bind(actions.rebuildTooltip());
        rebuildMessage.textProperty().bind(actions.rebuildMessageProperty());
        Shown.when(rebuildMessage, actions.rebuildMessageProperty().isNotEmpty());
        importButton.disableProperty().bind(actions.importDisabled());
        importTip.textProperty().bind(actions.importTooltip());
        importProgress.progressProperty().bind(imports.progressProperty());
        Shown.when(importProgress, imports.uploadingProperty());
        importMessage.textProperty().bind(imports.messageProperty());
        Shown.when(importMessage, imports.messageProperty().isNotEmpty());

        root.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.getAccelerators().remove(ProjectActionsViewModel.REBUILD_KEY);
                was.getAccelerators().remove(ProjectActionsViewModel.IMPORT_KEY);
                was.getAccelerators().remove(ProjectActionsViewModel.FILTER_KEY);
            }
            installShortcuts(now);
        });
        installShortcuts(root.getScene());
    }

    private void installShortcuts(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.getAccelerators().put(ProjectActionsViewModel.REBUILD_KEY, () -> {
            if (!rebuildButton.isDisabled()) {
                onRebuild();
            }
        });
        scene.getAccelerators().put(ProjectActionsViewModel.IMPORT_KEY, () -> {
            if (!importButton.isDisabled()) {
                onImport();
            }
        });
        scene.getAccelerators().put(ProjectActionsViewModel.FILTER_KEY, () -> {
            filterField.requestFocus();
            filterField.selectAll();
        });
    }

    private void updateChart() {
        XYChart.Series<Number, String> series = SizeChart.series(list.largest());
        sizeChart.getData().setAll(List.of(series));
        SizeChart.paint(series);
    }

    /**
     * Map and table select together: a click on a circle selects its row (a community beyond this page shows its
     * detail without a row), and the selected community is ringed on the map.
     */
    private void linkMap() {
        mapController.setOnPick(this::selectFromMap);
        detail.detailProperty().addListener((o, was, d) -> vm.map().select(d == null ? null : d.id()));
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
        detail.selectById(communityId);
    }

    @FXML
    private void onRefresh() {
        vm.reload(); // the map too
    }

    @FXML
    private void onRebuild() {
        RebuildDialog dialog = new RebuildDialog(root.getScene() == null ? null : root.getScene().getWindow(),
                vm.projectId(), list.totalProperty().get());
        // show(), not showAndWait(): no nested event loop; the answer arrives when the dialog closes
        dialog.setOnHidden(e -> {
            RebuildRequest request = dialog.getResult();
            if (request != null) {
                actions.rebuild(request);
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
        list.previousPage();
    }

    @FXML
    private void onNextPage() {
        list.nextPage();
    }

    @FXML
    private void onPreviousMembers() {
        detail.previousMemberPage();
    }

    @FXML
    private void onNextMembers() {
        detail.nextMemberPage();
    }
}
