package dev.taskstream.app.communities;

import dev.taskstream.app.fx.Background;
import dev.taskstream.app.fx.UiExecutor;
import dev.taskstream.shared.api.CommunityDetail;
import dev.taskstream.shared.api.CommunityView;
import dev.taskstream.shared.api.MemberView;
import dev.taskstream.shared.client.ApiException;
import dev.taskstream.shared.client.TaskstreamClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected community: its name and description, and its members a page at a time. A load that a newer
 * selection or page has overtaken is dropped.
 */
public final class CommunityDetailViewModel {
    private static final String NONE = "Select a community to see its members";

    private final TaskstreamClient client;
    private final UiExecutor ui;
    private final int pageSize;
    private final AtomicLong generation = new AtomicLong();
    private final ObservableList<MemberView> members = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<CommunityDetail> detail = new ReadOnlyObjectWrapper<>(this, "detail");
    private final ReadOnlyIntegerWrapper memberPage = new ReadOnlyIntegerWrapper(this, "memberPage", 0);
    private final ReadOnlyIntegerWrapper memberPageCount = new ReadOnlyIntegerWrapper(this, "memberPageCount", 0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", NONE);
    private final StringBinding title;
    private final StringBinding description;
    private final StringBinding pageText;
    private final BooleanBinding onFirstPage;
    private final BooleanBinding onLastPage;

    CommunityDetailViewModel(TaskstreamClient client, UiExecutor ui, int pageSize) {
        this.client = client;
        this.ui = ui;
        this.pageSize = pageSize;
        // the name carries the size ("Ecology (136)"), and the description starts with it
        title = Bindings.createStringBinding(() -> detail.get() == null ? "No community selected" : detail.get().name(),
                detail);
        description = Bindings.createStringBinding(() -> detail.get() == null || detail.get().description() == null
                ? "" : detail.get().description(), detail);
        pageText = Bindings.createStringBinding(() -> detail.get() == null ? ""
                : "Members page " + (memberPage.get() + 1) + " of " + memberPageCount.get(),
                detail, memberPage, memberPageCount);
        onFirstPage = memberPage.lessThanOrEqualTo(0);
        onLastPage = memberPage.add(1).greaterThanOrEqualTo(memberPageCount);
    }

    /** Shows a community's first page of members (null clears the detail). */
    public void select(CommunityView community) {
        if (community == null) {
            generation.incrementAndGet();
            detail.set(null);
            members.clear();
            memberPage.set(0);
            memberPageCount.set(0); // no member pages to step through: the pager's buttons are off
            message.set(NONE);
            return;
        }
        selectById(community.id());
    }

    /** Shows a community that has no row on the loaded page (a click on the map). */
    public void selectById(String communityId) {
        memberPage.set(0);
        load(communityId);
    }

    public void nextMemberPage() {
        CommunityDetail d = detail.get();
        if (d != null && memberPage.get() + 1 < memberPageCount.get()) {
            memberPage.set(memberPage.get() + 1);
            load(d.id());
        }
    }

    public void previousMemberPage() {
        CommunityDetail d = detail.get();
        if (d != null && memberPage.get() > 0) {
            memberPage.set(memberPage.get() - 1);
            load(d.id());
        }
    }

    private void load(String communityId) {
        long gen = generation.incrementAndGet();
        int offset = memberPage.get() * pageSize;
        message.set("Loading members…");
        Background.run(() -> {
            try {
                CommunityDetail d = client.getCommunity(communityId, pageSize, offset);
                ui.execute(() -> {
                    if (gen == generation.get()) {
                        detail.set(d);
                        members.setAll(d.members() == null ? List.of() : d.members().items());
                        long n = d.members() == null ? 0 : d.members().total();
                        memberPageCount.set((int) Math.max(1, (n + pageSize - 1) / pageSize));
                        message.set(n == 0 ? "This community has no members" : "");
                    }
                });
            } catch (RuntimeException e) {
                String why = e instanceof ApiException a && a.isNotFound()
                        ? "This community no longer exists (the communities were rebuilt); reload the list"
                        : e.getMessage();
                ui.execute(() -> {
                    if (gen == generation.get()) {
                        members.clear();
                        message.set(why);
                    }
                });
            }
        });
    }

    public ObservableList<MemberView> members() {
        return members;
    }

    public ReadOnlyObjectProperty<CommunityDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty memberPageProperty() {
        return memberPage.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty memberPageCountProperty() {
        return memberPageCount.getReadOnlyProperty();
    }

    /** What the empty members table says: select one, loading, none, an error. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public StringBinding title() {
        return title;
    }

    public StringBinding description() {
        return description;
    }

    public StringBinding pageText() {
        return pageText;
    }

    public BooleanBinding onFirstPage() {
        return onFirstPage;
    }

    public BooleanBinding onLastPage() {
        return onLastPage;
    }
}
