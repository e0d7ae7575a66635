package dev.taskstream.app.communities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskstream.app.task.ResultStats;
import dev.taskstream.app.task.TaskCardViewModel;
import dev.taskstream.app.testing.AppTestServer;
import dev.taskstream.app.testing.TestTasks;
import dev.taskstream.app.testing.UiThread;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.GraphStats;
import dev.taskstream.shared.api.MemberView;
import dev.taskstream.shared.api.RebuildRequest;
import dev.taskstream.shared.api.TaskStatus;
import dev.taskstream.shared.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The communities view model against a real server: rebuild, reload, 409. */
class CommunitiesViewModelTest {

    @RegisterExtension
    static final AppTestServer server = AppTestServer.perClass();

    @Test
    void aFinishedRebuildReloadsTheListWithTheRealCommunities() {
        try (UiThread ui = new UiThread();
                TaskCardViewModel card = new TaskCardViewModel(server.client(), ui)) {
            // small pages, so that the list and the largest community's members both have more than one
            CommunitiesViewModel vm = new CommunitiesViewModel(server.client(), AppTestServer.PROJECT, ui, card,
                    server.rebuildLauncher(), 20, 10);
            ui.run(vm::reload);
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> vm.list().reloadsProperty().get()) == 1);

            ui.run(() -> vm.actions().rebuild(new RebuildRequest("leiden", null, null)));
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.COMPLETED);
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> vm.list().reloadsProperty().get()) >= 2);
            ui.run(() -> {
                assertThat(card.taskNameProperty().get()).isEqualTo(TestTasks.REBUILD);
                assertThat(vm.actions().rebuildMessageProperty().get()).isEmpty();
                ResultStats result = card.resultProperty().get();
                assertThat(result).isNotNull();
                assertThat(result.communities()).isGreaterThan(1);

                // the list: every community the task reported, largest first, one page of 20
                assertThat(vm.list().totalProperty().get()).isEqualTo(result.communities());
                List<Integer> sizes = vm.list().communities().stream().map(CommunityView::memberCount).toList();
                assertThat(sizes).isNotEmpty().hasSizeLessThanOrEqualTo(20)
                        .isSortedAccordingTo(Comparator.reverseOrder());
                assertThat(vm.list().pageCountProperty().get()).isEqualTo((int) ((result.communities() + 19) / 20));
                assertThat(vm.list().communities()).allSatisfy(c -> assertThat(c.name()).isNotBlank());

                // the chart: the largest communities, largest first, the same as the top of the list
                assertThat(vm.list().largest()).isNotEmpty().hasSizeLessThanOrEqualTo(CommunityListViewModel.CHART_TOP);
                assertThat(vm.list().largest().stream().map(CommunityView::memberCount).toList())
                        .isSortedAccordingTo(Comparator.reverseOrder());
                assertThat(vm.list().largest().get(0).memberCount()).isEqualTo(sizes.get(0));

                // the graph statistics: the demo graph, and the communities the rebuild saved
                GraphStats g = vm.list().statsProperty().get();
                assertThat(g).isNotNull();
                assertThat(g.entities()).isGreaterThan(1000);
                assertThat(g.edges()).isPositive();
                assertThat(g.communities()).isEqualTo(result.communities());
                vm.select(vm.list().communities().get(0));
            });

            int smallestOnFirstPage = ui.get(() -> vm.list().communities().get(vm.list().communities().size() - 1).memberCount());

            // the largest community's members, ten at a time
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> vm.detail().members().size()) == 10);
            CommunityView largest = ui.get(() -> vm.list().communities().get(0));
            assertThat(largest.memberCount()).isGreaterThan(10);
            ui.run(() -> {
                assertThat(vm.detail().detailProperty().get().id()).isEqualTo(largest.id());
                assertThat(vm.detail().memberPageCountProperty().get()).isEqualTo((largest.memberCount() + 9) / 10);
                assertThat(vm.detail().messageProperty().get()).isEmpty();
            });
            List<String> firstPage = ui.get(() -> vm.detail().members().stream().map(MemberView::entityId).toList());
            ui.run(vm.detail()::nextMemberPage);
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> vm.detail().memberPageProperty().get() == 1
                    && !vm.detail().members().isEmpty()
                    && !vm.detail().members().get(0).entityId().equals(firstPage.get(0))));
            List<String> secondPage = ui.get(() -> vm.detail().members().stream().map(MemberView::entityId).toList());
            assertThat(secondPage).doesNotContainAnyElementsOf(firstPage);

            // no selection (as after a rebuild): no member pages left to step through
            ui.run(() -> {
                vm.select(null);
                assertThat(vm.detail().members()).isEmpty();
                assertThat(vm.detail().memberPageProperty().get()).isZero();
                assertThat(vm.detail().memberPageCountProperty().get()).isZero();
            });

            // the next page of the list continues in size order
            ui.run(vm.list()::nextPage);
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> vm.list().reloadsProperty().get()) >= 3);
            ui.run(() -> {
                assertThat(vm.list().pageIndexProperty().get()).isEqualTo(1);
                assertThat(vm.list().communities()).isNotEmpty();
                assertThat(vm.list().communities().get(0).memberCount()).isLessThanOrEqualTo(smallestOnFirstPage);
            });
        }
    }

    @Test
    void aSecondRebuildAttachesToTheRunningOneThatTheConflictNames() {
        try (UiThread ui = new UiThread();
                TaskCardViewModel card = new TaskCardViewModel(server.client(), ui)) {
            CommunitiesViewModel vm = new CommunitiesViewModel(server.client(), AppTestServer.PROJECT, ui, card,
                    server.rebuildLauncher());
            // another client's rebuild is running (a rebuild of the demo graph takes a second or more) ...
            UUID running = server.client().rebuildCommunities(AppTestServer.PROJECT, null, null, null).taskId();
            // ... so the server answers 409 with its task_id, and the card shows that task
            ui.run(() -> vm.actions().rebuild(new RebuildRequest(null, null, null)));
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.taskIdProperty().get()) != null);
            ui.run(() -> {
                assertThat(card.taskIdProperty().get()).isEqualTo(running);
                assertThat(vm.actions().rebuildMessageProperty().get()).contains("already running");
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.COMPLETED);
            ui.run(() -> assertThat(card.resultProperty().get().communities()).isPositive());
        }
    }

    @Test
    void aRebuildThatIsAlreadyRunningIsShownInsteadOfStartingAnother() {
        try (UiThread ui = new UiThread();
                TaskCardViewModel card = new TaskCardViewModel(server.client(), ui, TaskCardViewModel.Options.defaults(),
                        Instant::now)) {
            // A long exclusive task plays the running rebuild; the server's real 409 answers the second start.
            RebuildLauncher launcher = (project, r) -> server.submit(TestTasks.Slow.NAME, project,
                    Json.mapper().createObjectNode().put("steps", 300).put("step_ms", 50));
            CommunitiesViewModel vm = new CommunitiesViewModel(server.client(), "busy", ui, card, launcher);
            ui.run(() -> vm.actions().rebuild(new RebuildRequest(null, null, null)));
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.taskIdProperty().get()) != null);
            UUID first = ui.get(() -> card.taskIdProperty().get());

            ui.run(() -> vm.actions().rebuild(new RebuildRequest(null, null, null)));
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> vm.actions().rebuildMessageProperty().get())
                    .contains("already running"));
            ui.run(() -> assertThat(card.taskIdProperty().get()).isEqualTo(first));
            card.cancel();
            await().atMost(Duration.ofSeconds(60)).until(() -> ui.get(() -> card.statusProperty().get()) == TaskStatus.CANCELLED);
        }
    }
}
