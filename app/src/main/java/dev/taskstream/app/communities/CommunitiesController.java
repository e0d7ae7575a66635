package dev.taskstream.app.communities;

import dev.taskstream.app.fx.Formats;
import dev.taskstream.app.fx.Shown;
import dev.taskstream.app.fx.TooltipCell;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.shared.api.CommunityDetail;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.GraphStats;
import dev.taskstream.shared.api.MemberView;
import dev.taskstream.shared.api.RebuildRequest;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;

/** Thin controller of {@code communities.fxml}: binds the view to a {@link CommunitiesViewModel}. */
public final class CommunitiesController {
    private final CommunitiesViewModel vm;
    private final TaskCardViewModel taskCard;

    @FXML private BorderPane root;
    @FXML private Label totalLabel;
    @FXML private ProgressIndicator loadingIndicator;
    @FXML private TextField filterField;
    @FXML private Spinner<Integer> minMembersSpinner;
    @FXML private Button rebuildButton;
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

    public CommunitiesController(CommunitiesViewModel vm, TaskCardViewModel taskCard) {
        this.vm = vm;
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

        // rebuild: one at a time from this window (another client's rebuild is attached on 409)
        rebuildButton.disableProperty().bind(vm.rebuildStartingProperty().or(
                taskCard.activeProperty().and(taskCard.taskNameProperty().isEqualTo(CommunitiesViewModel.REBUILD_TASK))));
        rebuildMessage.textProperty().bind(vm.rebuildMessageProperty());
        Shown.when(rebuildMessage, vm.rebuildMessageProperty().isNotEmpty());
    }

    private void showDetail(CommunityDetail d) {
        if (d == null) {
            detailTitle.setText("No community selected");
            detailDescription.setText("");
            return;
        }
        detailTitle.setText(d.name() + " · " + Formats.count(d.memberCount()) + " members");
        detailDescription.setText(d.description() == null ? "" : d.description());
    }

    private void updateChart() {
        sizeChart.getData().setAll(List.of(SizeChart.series(vm.largest())));
    }

    @FXML
    private void onRefresh() {
        vm.reload();
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
