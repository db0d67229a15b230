#include "live_changes.hpp"

#include <QUndoStack>

namespace shmscope::gui {

// One change to one worker: undo sends `before`, redo sends `after`. The first redo happens in
// LiveChanges::apply, before the command is pushed, so that a refused change is no undo step.
class ControlCommand : public QUndoCommand {
public:
    ControlCommand(LiveChanges& owner, int id, const WorkerControls& before,
                   const WorkerControls& after, const QString& text)
        : QUndoCommand(text), owner_(owner), id_(id), before_(before), after_(after) {}

    void undo() override { send(before_); }
    void redo() override {
        if (firstRedo_) {
            firstRedo_ = false;
            return;
        }
        send(after_);
    }

private:
    void send(const WorkerControls& target) {
        QString error;
        if (!owner_.send(id_, target, &error))
            emit owner_.failed(
                LiveChanges::tr("Cannot undo or redo \"%1\": %2").arg(text(), error));
    }

    LiveChanges& owner_;
    int id_;
    WorkerControls before_;
    WorkerControls after_;
    bool firstRedo_ = true;
};

LiveChanges::LiveChanges(Session& session, QObject* parent)
    : QObject(parent), session_(session), stack_(new QUndoStack(this)) {
    // Steps refer to the workers of one session; a new session starts with a clean history.
    connect(&session_, &Session::modeChanged, this, [this](Session::Mode mode) {
        if (mode == Session::Mode::Idle) {
            stack_->clear();
            sent_.clear();
        }
    });
}

LiveChanges::~LiveChanges() = default;

WorkerControls LiveChanges::controls(int id) const {
    if (const auto found = sent_.find(id); found != sent_.end())
        return found->second;
    WorkerControls start;
    if (const WorkerInfo* info = session_.supervisor().worker(id)) {
        start.rateHz = info->spec.rateHz;
        start.messageBytes = info->spec.messageBytes;
    }
    return start;
}

bool LiveChanges::send(int id, const WorkerControls& target, QString* error) {
    const WorkerControls current = controls(id);
    ControlChange change;
    if (target.rateHz != current.rateHz)
        change.rateHz = target.rateHz;
    if (target.messageBytes != current.messageBytes)
        change.messageBytes = target.messageBytes;
    if (target.paused != current.paused)
        change.paused = target.paused;
    if (!session_.applyControl(id, change, error))
        return false;
    sent_[id] = target;
    return true;
}

bool LiveChanges::apply(int id, const ControlChange& change, QString* error) {
    const WorkerControls before = controls(id);
    WorkerControls after = before;
    QStringList what;
    if (change.rateHz) {
        after.rateHz = *change.rateHz;
        what << tr("rate");
    }
    if (change.messageBytes) {
        after.messageBytes = *change.messageBytes;
        what << tr("message size");
    }
    if (change.paused) {
        after.paused = *change.paused;
        what << (after.paused ? tr("pause") : tr("resume"));
    }
    if (after == before)
        return true; // nothing to send, nothing to undo
    if (!send(id, after, error))
        return false;
    const WorkerInfo* info = session_.supervisor().worker(id);
    const QString who =
        tr("%1 %2")
            .arg(info && info->spec.role == QLatin1String("consumer") ? tr("consumer")
                                                                      : tr("producer"))
            .arg(info ? info->pid : 0);
    stack_->push(
        new ControlCommand(*this, id, before, after, tr("%1 of %2").arg(what.join(tr(", ")), who)));
    return true;
}

bool LiveChanges::togglePause(int id, QString* error) {
    ControlChange change;
    change.paused = !controls(id).paused;
    return apply(id, change, error);
}

} // namespace shmscope::gui
