// Live changes to workers (rate, message size, pause) as undoable steps: Ctrl+Z sends the
// previous values back through the control object, Ctrl+Shift+Z sends the change again.
#pragma once

#include "session.hpp"

#include <QObject>
#include <map>

class QUndoStack;

namespace shmscope::gui {

// What a worker was last told, so that a change knows what undoing it restores.
struct WorkerControls {
    std::uint64_t rateHz = 0;
    std::uint64_t messageBytes = 0;
    bool paused = false;

    bool operator==(const WorkerControls&) const = default;
};

class LiveChanges : public QObject {
    Q_OBJECT
public:
    explicit LiveChanges(Session& session, QObject* parent = nullptr);
    ~LiveChanges() override;

    // Sends `change` to worker `id`; on success it becomes one undo step.
    bool apply(int id, const ControlChange& change, QString* error = nullptr);
    // Flips the worker's pause state, as one undo step.
    bool togglePause(int id, QString* error = nullptr);

    // The settings worker `id` was last sent (its start settings before any change).
    [[nodiscard]] WorkerControls controls(int id) const;
    [[nodiscard]] QUndoStack* stack() const { return stack_; }

signals:
    // An undo or redo could not be sent (the worker has gone, the channel is closed).
    void failed(const QString& text);

private:
    friend class ControlCommand;
    // Sends the full `target` settings to worker `id` and remembers them.
    bool send(int id, const WorkerControls& target, QString* error);

    Session& session_;
    QUndoStack* stack_;
    std::map<int, WorkerControls> sent_;
};

} // namespace shmscope::gui
