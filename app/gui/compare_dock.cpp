#include "compare_dock.hpp"

#include "compare_model.hpp"
#include "compare_plot.hpp"
#include "units.hpp"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace shmscope::gui {
namespace {

constexpr std::uint64_t kOfferedSizes[] = {64,          256,         1ull << 10,   4ull << 10,
                                           16ull << 10, 64ull << 10, 256ull << 10, 1ull << 20,
                                           4ull << 20,  16ull << 20, 64ull << 20};
constexpr int kMaxReps = 1000;
constexpr double kMinSeconds = 0.01;
constexpr double kMaxSeconds = 60.0;
constexpr int kOptionsWidth = 230;

QListWidgetItem* addCheckable(QListWidget* list, const QString& text, const QVariant& data,
                              bool checked) {
    auto* item = new QListWidgetItem(text, list);
    item->setData(Qt::UserRole, data);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

} // namespace

CompareDock::CompareDock(QWidget* parent)
    : QWidget(parent), run_(new CompareRun(this)), model_(new CompareModel(this)) {
    createWidgets();
    setupConnections();
    CompareRequest defaults;
    defaults.transports = benchTransportIds();
    defaults.sizes = benchDefaultSizes();
    defaults.reps = kBenchDefaultReps;
    defaults.seconds = kBenchDefaultSeconds;
    setRequest(defaults);
    retranslate();
    updateButtons();
}

CompareDock::~CompareDock() = default;

void CompareDock::createWidgets() {
    transports_ = new QListWidget(this);
    sizes_ = new QListWidget(this);
    for (const std::uint64_t size : kOfferedSizes)
        addCheckable(sizes_, widgets::units::bytes(static_cast<double>(size)),
                     QVariant::fromValue<qulonglong>(size), false);
    reps_ = new QSpinBox(this);
    reps_->setRange(1, kMaxReps);
    seconds_ = new QDoubleSpinBox(this);
    seconds_->setRange(kMinSeconds, kMaxSeconds);
    seconds_->setDecimals(2);
    seconds_->setSingleStep(0.1);
    start_ = new QPushButton(this);
    start_->setDefault(true);
    cancel_ = new QPushButton(this);
    transportsLabel_ = new QLabel(this);
    sizesLabel_ = new QLabel(this);
    repsLabel_ = new QLabel(this);
    secondsLabel_ = new QLabel(this);

    auto* options = new QWidget(this);
    options->setMaximumWidth(kOptionsWidth);
    auto* optionsLayout = new QVBoxLayout(options);
    optionsLayout->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(cancel_);
    optionsLayout->addLayout(buttons);
    optionsLayout->addWidget(transportsLabel_);
    optionsLayout->addWidget(transports_, 3);
    optionsLayout->addWidget(sizesLabel_);
    optionsLayout->addWidget(sizes_, 2);
    auto* form = new QFormLayout;
    form->addRow(repsLabel_, reps_);
    form->addRow(secondsLabel_, seconds_);
    optionsLayout->addLayout(form);

    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1);
    progress_->setValue(0);
    status_ = new QLabel(this);
    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setStyleSheet(QStringLiteral("color: #c0392b; font-weight: bold;"));
    error_->hide();
    exportTable_ = new QPushButton(this);
    exportPlots_ = new QPushButton(this);
    auto* top = new QHBoxLayout;
    top->addWidget(progress_, 1);
    top->addWidget(status_, 1);
    top->addWidget(exportTable_);
    top->addWidget(exportPlots_);

    table_ = new QTableView(this);
    table_->setModel(model_);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setWordWrap(false);
    throughputPlot_ = new widgets::ComparePlot(widgets::ComparePlot::Kind::Throughput, this);
    latencyPlot_ = new widgets::ComparePlot(widgets::ComparePlot::Kind::LatencyCdf, this);
    auto* plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(throughputPlot_);
    plots->addWidget(latencyPlot_);
    auto* results = new QSplitter(Qt::Vertical, this);
    results->addWidget(table_);
    results->addWidget(plots);
    results->setStretchFactor(0, 2);
    results->setStretchFactor(1, 3);

    auto* right = new QVBoxLayout;
    right->addLayout(top);
    right->addWidget(error_);
    right->addWidget(results, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(options);
    layout->addLayout(right, 1);
}

void CompareDock::setupConnections() {
    connect(start_, &QPushButton::clicked, this, &CompareDock::startRun);
    connect(cancel_, &QPushButton::clicked, this, &CompareDock::cancelRun);
    connect(exportTable_, &QPushButton::clicked, this, &CompareDock::chooseTableFile);
    connect(exportPlots_, &QPushButton::clicked, this, &CompareDock::choosePlotPrefix);
    connect(transports_, &QListWidget::itemChanged, this, &CompareDock::updateButtons);
    connect(sizes_, &QListWidget::itemChanged, this, &CompareDock::updateButtons);
    connect(run_, &CompareRun::progress, this, &CompareDock::onProgress);
    connect(run_, &CompareRun::rowFinished, this, [this](const bench::Row& row) {
        model_->setResult(row);
        refreshPlots();
        updateStatus();
        updateButtons();
    });
    connect(run_, &CompareRun::finished, this, &CompareDock::onFinished);
}

void CompareDock::setRequest(const CompareRequest& request) {
    for (int i = 0; i < transports_->count(); ++i)
        transports_->item(i)->setCheckState(Qt::Unchecked);
    for (const QString& id : benchTransportIds() + request.transports) {
        if (transports_->findItems(id, Qt::MatchExactly).isEmpty())
            addCheckable(transports_, id, id, false);
    }
    for (const QString& id : request.transports)
        transports_->findItems(id, Qt::MatchExactly).constFirst()->setCheckState(Qt::Checked);
    for (int i = 0; i < sizes_->count(); ++i) {
        const auto size = sizes_->item(i)->data(Qt::UserRole).toULongLong();
        const bool wanted =
            std::find(request.sizes.begin(), request.sizes.end(), size) != request.sizes.end();
        sizes_->item(i)->setCheckState(wanted ? Qt::Checked : Qt::Unchecked);
    }
    for (const std::uint64_t size : request.sizes) {
        bool offered = false;
        for (int i = 0; i < sizes_->count(); ++i)
            offered = offered || sizes_->item(i)->data(Qt::UserRole).toULongLong() == size;
        if (!offered)
            addCheckable(sizes_, widgets::units::bytes(static_cast<double>(size)),
                         QVariant::fromValue<qulonglong>(size), true);
    }
    reps_->setValue(request.reps);
    seconds_->setValue(request.seconds);
}

CompareRequest CompareDock::request() const {
    CompareRequest request;
    for (int i = 0; i < transports_->count(); ++i) {
        if (transports_->item(i)->checkState() == Qt::Checked)
            request.transports << transports_->item(i)->data(Qt::UserRole).toString();
    }
    for (int i = 0; i < sizes_->count(); ++i) {
        if (sizes_->item(i)->checkState() == Qt::Checked)
            request.sizes.push_back(sizes_->item(i)->data(Qt::UserRole).toULongLong());
    }
    request.reps = reps_->value();
    request.seconds = seconds_->value();
    return request;
}

void CompareDock::startRun() {
    const CompareRequest wanted = request();
    if (state_ != State::Idle || wanted.transports.isEmpty() || wanted.sizes.empty())
        return;
    model_->setPlan(wanted.transports, wanted.sizes);
    refreshPlots();
    error_->hide();
    error_->clear();
    progress_->setRange(0, 1);
    progress_->setValue(0);
    statusWhat_.clear();
    state_ = State::Running;
    run_->start(wanted);
    updateStatus();
    updateButtons();
}

void CompareDock::cancelRun() {
    if (state_ != State::Running)
        return;
    state_ = State::Cancelling;
    run_->cancel();
    updateStatus();
    updateButtons();
}

void CompareDock::onProgress(int step, int steps, const QString& what) {
    progress_->setRange(0, std::max(steps, 1));
    progress_->setValue(std::max(step - 1, 0));
    statusWhat_ = what;
    updateStatus();
}

void CompareDock::onFinished(CompareRun::Outcome outcome, const QString& message) {
    state_ = State::Idle;
    switch (outcome) {
    case CompareRun::Outcome::Completed:
        progress_->setValue(progress_->maximum());
        model_->markUnfinished(tr("no result"));
        break;
    case CompareRun::Outcome::Cancelled:
        model_->markUnfinished(tr("cancelled"));
        break;
    case CompareRun::Outcome::Failed:
        model_->markUnfinished(tr("not measured"));
        error_->setText(message);
        error_->show();
        break;
    }
    statusWhat_.clear();
    refreshPlots();
    table_->resizeColumnsToContents();
    updateStatus();
    updateButtons();
}

void CompareDock::refreshPlots() {
    throughputPlot_->setSeries(model_->throughputSeries());
    std::uint64_t cdfSize = 0;
    latencyPlot_->setSeries(model_->latencySeries(&cdfSize));
    throughputPlot_->setTitle(tr("Throughput against message size"));
    latencyPlot_->setTitle(cdfSize == 0
                               ? tr("Latency CDF")
                               : tr("Latency CDF, %1 messages, fixed-rate stream")
                                     .arg(widgets::units::bytes(static_cast<double>(cdfSize))));
}

void CompareDock::updateButtons() {
    const CompareRequest wanted = request();
    start_->setEnabled(state_ == State::Idle && !wanted.transports.isEmpty() &&
                       !wanted.sizes.empty());
    cancel_->setEnabled(state_ == State::Running);
    for (QWidget* input : std::initializer_list<QWidget*>{transports_, sizes_, reps_, seconds_})
        input->setEnabled(state_ == State::Idle);
    const bool hasRows = model_->finishedCount() > 0;
    exportTable_->setEnabled(hasRows);
    exportPlots_->setEnabled(hasRows);
}

QString CompareDock::statusText() const { return status_->text(); }

QString CompareDock::errorText() const { return error_->isVisible() ? error_->text() : QString(); }

bool CompareDock::exportTable(const QString& path) {
    const QString text = path.endsWith(QStringLiteral(".md"), Qt::CaseInsensitive)
                             ? model_->markdown()
                             : model_->csv();
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0 && file.commit();
}

bool CompareDock::exportPlots(const QString& prefix) {
    return throughputPlot_->savePng(prefix + QStringLiteral("-throughput.png"), kPngWidth,
                                    kPngHeight) &&
           latencyPlot_->savePng(prefix + QStringLiteral("-latency.png"), kPngWidth, kPngHeight);
}

void CompareDock::chooseTableFile() {
    QString filter;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export comparison table"), QStringLiteral("shmscope-bench.csv"),
        tr("CSV files (*.csv);;Markdown files (*.md)"), &filter);
    if (path.isEmpty())
        return;
    if (!exportTable(path)) {
        error_->setText(tr("Cannot write %1").arg(path));
        error_->show();
    }
}

void CompareDock::choosePlotPrefix() {
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export comparison plots"),
                                     QStringLiteral("shmscope-bench"), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString prefix = path;
    if (prefix.endsWith(QStringLiteral(".png"), Qt::CaseInsensitive))
        prefix.chop(4);
    if (!exportPlots(prefix)) {
        error_->setText(tr("Cannot write %1").arg(prefix + QStringLiteral("-throughput.png")));
        error_->show();
    }
}

void CompareDock::retranslate() {
    transportsLabel_->setText(tr("Transports"));
    sizesLabel_->setText(tr("Message sizes"));
    repsLabel_->setText(tr("Repetitions"));
    secondsLabel_->setText(tr("Seconds each"));
    seconds_->setToolTip(tr("Measured seconds per repetition, after a warm-up"));
    start_->setText(tr("Run"));
    start_->setToolTip(tr("Run shmscope-bench over the checked transports and sizes"));
    cancel_->setText(tr("Cancel"));
    cancel_->setToolTip(tr("Stop the comparison; the rows finished so far stay"));
    exportTable_->setText(tr("Export table…"));
    exportTable_->setToolTip(tr("Save the finished rows as CSV or Markdown"));
    exportPlots_->setText(tr("Export plots…"));
    exportPlots_->setToolTip(tr("Save both plots as PNG images"));
    updateStatus();
    refreshPlots();
}

void CompareDock::updateStatus() {
    const int done = model_->finishedCount();
    const int planned = model_->rowCount();
    switch (state_) {
    case State::Running:
        status_->setText(statusWhat_.isEmpty()
                             ? tr("Starting shmscope-bench…")
                             : tr("%1 of %n row(s) done — measuring %2", nullptr, planned)
                                   .arg(done)
                                   .arg(statusWhat_));
        break;
    case State::Cancelling:
        status_->setText(tr("Cancelling…"));
        break;
    case State::Idle:
        status_->setText(planned == 0 ? tr("Pick transports and sizes, then Run.")
                                      : tr("%1 of %n row(s) done", nullptr, planned).arg(done));
        break;
    }
}

void CompareDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange && start_)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace shmscope::gui
