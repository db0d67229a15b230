#include "process_dock.hpp"

#include "command_line.hpp"
#include "live_changes.hpp"
#include "session.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace shmscope::gui {

using widgets::ProcessTableModel;

ProcessDock::ProcessDock(Session& session, LiveChanges& changes, QWidget* parent)
    : QWidget(parent), session_(session), changes_(changes), view_(new QTableView(this)),
      rate_(new QLineEdit(this)), size_(new QLineEdit(this)), paused_(new QCheckBox(this)),
      apply_(new QPushButton(this)), stop_(new QPushButton(this)), kill_(new QPushButton(this)),
      restart_(new QPushButton(this)), rateLabel_(new QLabel(this)), sizeLabel_(new QLabel(this)),
      status_(new QLabel(this)) {
    view_->setModel(&session.processes());
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->verticalHeader()->hide();
    view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view_->setAlternatingRowColors(true);
    view_->setWordWrap(false);

    rate_->setMaximumWidth(90);
    size_->setMaximumWidth(90);
    auto* controls = new QHBoxLayout;
    controls->addWidget(rateLabel_);
    controls->addWidget(rate_);
    controls->addWidget(sizeLabel_);
    controls->addWidget(size_);
    controls->addWidget(paused_);
    controls->addWidget(apply_);
    controls->addSpacing(12);
    controls->addWidget(stop_);
    controls->addWidget(kill_);
    controls->addWidget(restart_);
    controls->addWidget(status_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(view_, 1);
    layout->addLayout(controls);

    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProcessDock::updateControls);
    // The pause box shows what the selected worker was last told, also after an undo.
    const auto showPause = [this] {
        if (const int id = selectedWorker(); id >= 0)
            paused_->setChecked(changes_.controls(id).paused);
    };
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, showPause);
    connect(changes_.stack(), &QUndoStack::indexChanged, this, showPause);
    connect(&session.processes(), &QAbstractItemModel::dataChanged, this,
            &ProcessDock::updateControls);
    connect(apply_, &QPushButton::clicked, this, &ProcessDock::applyChanges);
    connect(rate_, &QLineEdit::returnPressed, this, &ProcessDock::applyChanges);
    connect(size_, &QLineEdit::returnPressed, this, &ProcessDock::applyChanges);
    connect(stop_, &QPushButton::clicked, this, &ProcessDock::stopSelected);
    connect(kill_, &QPushButton::clicked, this, &ProcessDock::killSelected);
    connect(restart_, &QPushButton::clicked, this, &ProcessDock::restartSelected);
    retranslate();
    updateControls();
}

int ProcessDock::selectedWorker() const {
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return -1;
    return rows.front().data(ProcessTableModel::WorkerIdRole).toInt();
}

void ProcessDock::updateControls() {
    const int id = selectedWorker();
    const WorkerInfo* info = id >= 0 ? session_.supervisor().worker(id) : nullptr;
    const bool running = info && info->status == WorkerStatus::Running;
    for (QWidget* w : {static_cast<QWidget*>(rate_), static_cast<QWidget*>(paused_),
                       static_cast<QWidget*>(apply_), static_cast<QWidget*>(stop_),
                       static_cast<QWidget*>(kill_)})
        w->setEnabled(running);
    size_->setEnabled(running && info->spec.role == QLatin1String("producer"));
    restart_->setEnabled(info != nullptr && session_.mode() == Session::Mode::Running);
}

void ProcessDock::applyChanges() {
    const int id = selectedWorker();
    if (id < 0)
        return;
    ControlChange change;
    if (!rate_->text().trimmed().isEmpty()) {
        change.rateHz = parseRate(rate_->text());
        if (!change.rateHz) {
            status_->setText(tr("Rate: a number of messages per second, or max"));
            return;
        }
    }
    if (size_->isEnabled() && !size_->text().trimmed().isEmpty()) {
        change.messageBytes = parseSize(size_->text());
        if (!change.messageBytes) {
            status_->setText(tr("Message size: bytes, with an optional K, M or G suffix"));
            return;
        }
    }
    change.paused = paused_->isChecked();
    QString error;
    status_->setText(changes_.apply(id, change, &error) ? tr("applying…")
                                                        : tr("Not applied: %1").arg(error));
}

void ProcessDock::togglePauseSelected() {
    const int id = selectedWorker();
    if (id < 0)
        return;
    QString error;
    const bool sent = changes_.togglePause(id, &error);
    paused_->setChecked(changes_.controls(id).paused);
    status_->setText(sent ? tr("applying…") : tr("Not applied: %1").arg(error));
}

void ProcessDock::copyCommandLineOfSelected() {
    const int id = selectedWorker();
    const WorkerInfo* info = id >= 0 ? session_.supervisor().worker(id) : nullptr;
    if (!info) {
        status_->setText(tr("Select a worker first"));
        return;
    }
    QApplication::clipboard()->setText(
        shellCommandLine(session_.supervisor().workerProgram(), info->arguments));
    status_->setText(tr("Command line of pid %1 copied").arg(info->pid));
}

void ProcessDock::stopSelected() {
    if (const int id = selectedWorker(); id >= 0)
        session_.stopWorker(id);
}

void ProcessDock::killSelected() {
    if (const int id = selectedWorker(); id >= 0)
        session_.killWorker(id);
}

void ProcessDock::restartSelected() {
    if (const int id = selectedWorker(); id >= 0)
        session_.restartWorker(id);
}

void ProcessDock::retranslate() {
    rateLabel_->setText(tr("Rate"));
    rate_->setPlaceholderText(tr("msg/s or max"));
    rate_->setToolTip(
        tr("New rate for the selected worker, applied live through the control object"));
    sizeLabel_->setText(tr("Size"));
    size_->setPlaceholderText(tr("e.g. 4KiB"));
    size_->setToolTip(tr("New message size for the selected producer"));
    paused_->setText(tr("Paused"));
    apply_->setText(tr("Apply"));
    apply_->setToolTip(
        tr("Send the change; the table shows \"applying…\" until the worker has applied it"));
    stop_->setText(tr("Stop"));
    stop_->setToolTip(tr("Stop the selected worker gracefully (SIGTERM) (Del)"));
    kill_->setText(tr("Kill"));
    kill_->setToolTip(
        tr("Kill the selected worker with SIGKILL, to see what a crash does (Shift+Del)"));
    restart_->setText(tr("Restart"));
    restart_->setToolTip(tr("Start the selected worker again with the same settings"));
    view_->setAccessibleName(tr("Processes"));
}

void ProcessDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace shmscope::gui
