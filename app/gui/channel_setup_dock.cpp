#include "channel_setup_dock.hpp"

#include "scenarios.hpp"
#include "units.hpp"

#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shmscope::gui {
namespace {

constexpr int kMinSlotsLog2 = 1;
constexpr int kMaxSlotsLog2 = 20;
constexpr std::uint64_t kSlotSizes[] = {64,    256,    1024,    4096,    16384,
                                        65536, 262144, 1048576, 4194304, 16777216};
// The worker list shows this many rows without scrolling even when it holds fewer.
constexpr int kVisibleWorkerRows = 4;
enum WorkerColumn { RoleColumn, SizeColumn, RateColumn, HoldColumn, WorkerColumns };

// Scrolls up and down only, and is as wide as its content needs.
class VerticalScrollArea : public QScrollArea {
public:
    using QScrollArea::QScrollArea;
    [[nodiscard]] QSize minimumSizeHint() const override {
        QSize size = QScrollArea::minimumSizeHint();
        if (widget())
            size.setWidth(widget()->minimumSizeHint().width() +
                          verticalScrollBar()->sizeHint().width() + 2 * frameWidth());
        return size;
    }

protected:
    // The content's minimum changes after the area was laid out (fonts, a new language): the
    // dock is told, or the content would be cut off at the right.
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == widget() && event->type() == QEvent::LayoutRequest)
            updateGeometry();
        return QScrollArea::eventFilter(watched, event);
    }
};

QComboBox* choices(QWidget* parent, const QStringList& values) {
    auto* box = new QComboBox(parent);
    box->addItems(values);
    return box;
}

void select(QComboBox* box, const QVariant& data) {
    const int index = box->findData(data);
    if (index >= 0)
        box->setCurrentIndex(index);
}

} // namespace

ChannelSetupDock::ChannelSetupDock(QWidget* parent)
    : QWidget(parent), scenario_(new QComboBox(this)), description_(new QLabel(this)),
      sync_(choices(this, syncChoices())), wait_(choices(this, waitChoices())),
      slots_(new QComboBox(this)), slotSize_(new QComboBox(this)),
      backpressure_(choices(this, backpressureChoices())),
      delivery_(choices(this, deliveryChoices())),
      compression_(choices(this, compressionChoices())),
      transport_(choices(this, transportChoices())), path_(new QLineEdit(this)),
      form_(new QFormLayout), workers_(new QTableWidget(0, WorkerColumns, this)),
      addProducer_(new QPushButton(this)), addConsumer_(new QPushButton(this)),
      remove_(new QPushButton(this)), start_(new QPushButton(this)), stop_(new QPushButton(this)) {
    for (const SessionConfig& config : scenarios())
        scenario_->addItem(scenarioTitle(config.scenario), config.scenario);
    scenario_->addItem(QString(), QStringLiteral("custom"));
    for (int log2 = kMinSlotsLog2; log2 <= kMaxSlotsLog2; ++log2)
        slots_->addItem(QString::number(1u << log2), 1u << log2);
    for (const std::uint64_t size : kSlotSizes)
        slotSize_->addItem(widgets::units::bytes(static_cast<double>(size)),
                           static_cast<qulonglong>(size));
    for (QComboBox* box : {sync_, wait_, backpressure_, delivery_, compression_, transport_}) {
        for (int i = 0; i < box->count(); ++i)
            box->setItemData(i, box->itemText(i));
    }
    description_->setObjectName(QStringLiteral("scenarioDescription"));
    description_->setWordWrap(true);
    description_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    path_->setObjectName(QStringLiteral("filePath"));
    // An empty text makes QFormLayout add no label at all: each row gets its own QLabel.
    const auto addField = [this](QWidget* field) {
        auto* label = new QLabel(this);
        label->setBuddy(field);
        labels_.push_back(label);
        form_->addRow(label, field);
    };
    addField(scenario_);
    form_->addRow(description_);
    for (QWidget* field :
         std::initializer_list<QWidget*>{sync_, wait_, slots_, slotSize_, backpressure_, delivery_,
                                         compression_, transport_, path_})
        addField(field);

    workers_->verticalHeader()->hide();
    workers_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    workers_->setSelectionBehavior(QAbstractItemView::SelectRows);
    workers_->setObjectName(QStringLiteral("workers"));

    auto* workerButtons = new QHBoxLayout;
    workerButtons->addWidget(addProducer_);
    workerButtons->addWidget(addConsumer_);
    workerButtons->addWidget(remove_);
    auto* runButtons = new QHBoxLayout;
    runButtons->addWidget(start_, 2);
    runButtons->addWidget(stop_, 1);
    QFont primary = start_->font();
    primary.setBold(true);
    start_->setFont(primary);
    start_->setDefault(true);
    start_->setMinimumHeight(32);

    // The fields scroll when the dock is short, so that the setup never makes the window taller
    // than the screen; the worker buttons, Start and Stop stay in sight below them.
    auto* fields = new QWidget;
    auto* fieldsLayout = new QVBoxLayout(fields);
    fieldsLayout->setContentsMargins(0, 0, 0, 0);
    fieldsLayout->addLayout(form_);
    fieldsLayout->addWidget(workers_, 1);
    scroll_ = new VerticalScrollArea(this);
    QScrollArea* scroll = scroll_;
    scroll->setObjectName(QStringLiteral("setupFields"));
    scroll->setWidget(fields);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scroll, 1);
    layout->addLayout(workerButtons);
    layout->addLayout(runButtons);
    description_->installEventFilter(this);

    connect(scenario_, &QComboBox::currentIndexChanged, this, &ChannelSetupDock::onScenarioChosen);
    connect(transport_, &QComboBox::currentIndexChanged, this, &ChannelSetupDock::showPathRow);
    connect(path_, &QLineEdit::textEdited, this, [this] {
        if (!filling_)
            select(scenario_, QStringLiteral("custom"));
    });
    for (QComboBox* box :
         {sync_, wait_, slots_, slotSize_, backpressure_, delivery_, compression_, transport_}) {
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!filling_)
                select(scenario_, QStringLiteral("custom"));
        });
    }
    connect(addProducer_, &QPushButton::clicked, this,
            [this] { addWorker(QStringLiteral("producer")); });
    connect(addConsumer_, &QPushButton::clicked, this,
            [this] { addWorker(QStringLiteral("consumer")); });
    connect(remove_, &QPushButton::clicked, this, [this] {
        const int row = workers_->currentRow();
        if (row >= 0 && !running_)
            workers_->removeRow(row);
    });
    connect(start_, &QPushButton::clicked, this, &ChannelSetupDock::startRequested);
    connect(stop_, &QPushButton::clicked, this, &ChannelSetupDock::stopRequested);
    retranslate();
    setConfig(demoScenario());
    setRunning(false);
}

void ChannelSetupDock::retranslate() {
    // In row order.
    const QString labels[] = {tr("Scenario"), tr("Synchronisation"), tr("Waiting"),
                              tr("Slots"),    tr("Slot size"),       tr("Backpressure"),
                              tr("Delivery"), tr("Compression"),     tr("Transport"),
                              tr("File path")};
    for (std::size_t i = 0; i < labels_.size() && i < std::size(labels); ++i)
        labels_[i]->setText(labels[i]);
    for (int i = 0; i < scenario_->count(); ++i)
        scenario_->setItemText(i, scenarioTitle(scenario_->itemData(i).toString()));
    scenario_->setToolTip(tr("A prepared channel and set of workers; change any field below to "
                             "make your own"));
    sync_->setToolTip(
        tr("How producers and consumers agree on slots: lock-free rings (spsc, mpmc), a "
           "robust mutex, semaphores, or none"));
    wait_->setToolTip(tr("How a blocked process waits: spin, yield, sleep (futex) or adaptive"));
    slots_->setToolTip(tr("Number of slots in the ring buffer (a power of two)"));
    slotSize_->setToolTip(tr("Payload bytes per slot"));
    backpressure_->setToolTip(tr("What a producer does when the ring buffer is full: block "
                                 "(wait for a free slot), drop-newest (discard the new message) "
                                 "or drop-oldest (overwrite the oldest unread one)"));
    delivery_->setToolTip(tr("queue: each message goes to one consumer; broadcast: every "
                             "consumer reads every message"));
    compression_->setToolTip(tr("How producers compress each message before copying it into the "
                                "ring: none, lz4 (fast), zstd (smaller) or auto (compress only "
                                "when it pays)"));
    transport_->setToolTip(tr("shm: a POSIX shared-memory object, gone when the last process "
                              "leaves; file: a regular file mapped into memory, which outlives "
                              "the processes"));
    path_->setToolTip(tr("The data file of the file transport (its control object is the same "
                         "path with .ctl appended)"));
    path_->setPlaceholderText(tr("path of the data file"));
    // Short headers (the dock is narrow), each explained in its tooltip.
    workers_->setHorizontalHeaderLabels({tr("Role"), tr("Size"), tr("Rate"), tr("Hold (ms)")});
    workers_->horizontalHeaderItem(SizeColumn)->setToolTip(tr("Message size"));
    workers_->horizontalHeaderItem(RateColumn)
        ->setToolTip(tr("Rate (msg/s); \"max\" means as fast as possible"));
    workers_->horizontalHeaderItem(HoldColumn)
        ->setToolTip(tr("How long a producer keeps the lock after each write, to make "
                        "contention visible (lock-based strategies only)"));
    workers_->setToolTip(
        tr("Message size and rate are editable; rate \"max\" means as fast as possible"));
    addProducer_->setText(tr("Add producer"));
    addConsumer_->setText(tr("Add consumer"));
    remove_->setText(tr("Remove"));
    start_->setText(tr("Start"));
    start_->setToolTip(tr("Create the channel and start these workers (Ctrl+R)"));
    stop_->setText(tr("Stop"));
    stop_->setToolTip(tr("Stop every worker and remove the channel"));
    for (int row = 0; row < workers_->rowCount(); ++row) {
        QTableWidgetItem* item = workers_->item(row, RoleColumn);
        item->setText(item->data(Qt::UserRole).toString() == QLatin1String("producer")
                          ? tr("producer")
                          : tr("consumer"));
    }
    onScenarioChosen(scenario_->currentIndex());
    fitWidth();
}

void ChannelSetupDock::onScenarioChosen(int index) {
    const auto chosen = scenario(scenario_->itemData(index).toString());
    showDescription(chosen ? chosen->description : tr("Your own channel and workers."));
    if (chosen && !filling_ && chosen->scenario != config().scenario)
        setConfig(*chosen);
}

void ChannelSetupDock::showDescription(const QString& text) {
    description_->setText(text);
    fitDescription();
}

void ChannelSetupDock::fitDescription() {
    // A dock's layout does not ask a word-wrapped label for its height at the width it gets
    // (QMainWindow's dock layout has no height-for-width): the label would keep the height of
    // two lines and clip the rest. Its minimum height follows its width instead.
    const int height = description_->heightForWidth(description_->width());
    if (height > 0 && height != description_->minimumHeight())
        description_->setMinimumHeight(height);
}

void ChannelSetupDock::fitWorkerRows() {
    // Every worker visible without scrolling, and room for at least kVisibleWorkerRows.
    const int rows = std::max(kVisibleWorkerRows, workers_->rowCount());
    const int rowHeight = workers_->verticalHeader()->defaultSectionSize();
    workers_->setMinimumHeight(workers_->horizontalHeader()->sizeHint().height() +
                               rows * rowHeight + 2 * workers_->frameWidth());
}

void ChannelSetupDock::fitWidth() {
    // New texts change the width the fields need (VerticalScrollArea::minimumSizeHint).
    scroll_->updateGeometry();
}

void ChannelSetupDock::showPathRow() {
    const bool file = transport_->currentText() == QLatin1String("file");
    form_->setRowVisible(path_, file);
}

bool ChannelSetupDock::eventFilter(QObject* watched, QEvent* event) {
    if (watched == description_ && event->type() == QEvent::Resize)
        fitDescription();
    return QWidget::eventFilter(watched, event);
}

void ChannelSetupDock::addWorkerRow(const WorkerSpec& spec) {
    const int row = workers_->rowCount();
    workers_->insertRow(row);
    auto* role = new QTableWidgetItem(spec.role == QLatin1String("producer") ? tr("producer")
                                                                             : tr("consumer"));
    role->setData(Qt::UserRole, spec.role);
    role->setFlags(role->flags() & ~Qt::ItemIsEditable);
    workers_->setItem(row, RoleColumn, role);
    auto* size = new QTableWidgetItem(
        spec.role == QLatin1String("producer") ? sizeText(spec.messageBytes) : QStringLiteral("–"));
    if (spec.role != QLatin1String("producer"))
        size->setFlags(size->flags() & ~Qt::ItemIsEditable);
    workers_->setItem(row, SizeColumn, size);
    workers_->setItem(row, RateColumn, new QTableWidgetItem(rateText(spec.rateHz)));
    auto* hold = new QTableWidgetItem(spec.role == QLatin1String("producer")
                                          ? QString::number(spec.holdLockMs)
                                          : QStringLiteral("–"));
    if (spec.role != QLatin1String("producer"))
        hold->setFlags(hold->flags() & ~Qt::ItemIsEditable);
    workers_->setItem(row, HoldColumn, hold);
    fitWorkerRows();
}

WorkerSpec ChannelSetupDock::workerAt(int row) const {
    WorkerSpec spec;
    spec.role = workers_->item(row, RoleColumn)->data(Qt::UserRole).toString();
    const std::uint64_t slotBytes = slotSize_->currentData().toULongLong();
    spec.messageBytes = spec.role == QLatin1String("producer")
                            ? parseSize(workers_->item(row, SizeColumn)->text()).value_or(slotBytes)
                            : 0;
    spec.rateHz = parseRate(workers_->item(row, RateColumn)->text()).value_or(0);
    if (spec.role == QLatin1String("producer"))
        spec.holdLockMs = workers_->item(row, HoldColumn)->text().toUInt();
    return spec;
}

void ChannelSetupDock::addWorker(const QString& role) {
    WorkerSpec spec;
    spec.role = role;
    spec.messageBytes =
        role == QLatin1String("producer") ? slotSize_->currentData().toULongLong() : 0;
    if (running_) {
        emit addWorkerRequested(spec);
        return;
    }
    addWorkerRow(spec);
    select(scenario_, QStringLiteral("custom"));
}

SessionConfig ChannelSetupDock::config() const {
    SessionConfig config;
    config.scenario = scenario_->currentData().toString();
    if (const auto known = scenario(config.scenario))
        config.description = known->description;
    ChannelSetup& c = config.channel;
    c.sync = sync_->currentText();
    c.wait = wait_->currentText();
    c.slotCount = slots_->currentData().toUInt();
    c.slotBytes = slotSize_->currentData().toULongLong();
    c.backpressure = backpressure_->currentText();
    c.delivery = delivery_->currentText();
    c.compression = compression_->currentText();
    c.transport = transport_->currentText();
    if (c.transport == QLatin1String("file"))
        c.path = path_->text().trimmed();
    for (int row = 0; row < workers_->rowCount(); ++row)
        config.workers.push_back(workerAt(row));
    return config;
}

void ChannelSetupDock::setConfig(const SessionConfig& config) {
    filling_ = true;
    select(scenario_, scenario(config.scenario) ? config.scenario : QStringLiteral("custom"));
    const ChannelSetup& c = config.channel;
    select(sync_, c.sync);
    select(wait_, c.wait);
    select(slots_, c.slotCount);
    if (slotSize_->findData(static_cast<qulonglong>(c.slotBytes)) < 0)
        slotSize_->addItem(widgets::units::bytes(static_cast<double>(c.slotBytes)),
                           static_cast<qulonglong>(c.slotBytes));
    select(slotSize_, static_cast<qulonglong>(c.slotBytes));
    select(backpressure_, c.backpressure);
    select(delivery_, c.delivery);
    select(compression_, c.compression);
    select(transport_, c.transport);
    path_->setText(c.path);
    showPathRow();
    workers_->setRowCount(0);
    for (const WorkerSpec& spec : config.workers)
        addWorkerRow(spec);
    const auto known = scenario(config.scenario);
    showDescription(known ? known->description : tr("Your own channel and workers."));
    filling_ = false;
}

void ChannelSetupDock::setRunning(bool running) {
    running_ = running;
    for (QWidget* field : {static_cast<QWidget*>(scenario_), static_cast<QWidget*>(sync_),
                           static_cast<QWidget*>(wait_), static_cast<QWidget*>(slots_),
                           static_cast<QWidget*>(slotSize_), static_cast<QWidget*>(backpressure_),
                           static_cast<QWidget*>(delivery_), static_cast<QWidget*>(compression_),
                           static_cast<QWidget*>(transport_), static_cast<QWidget*>(path_),
                           static_cast<QWidget*>(remove_)})
        field->setEnabled(!running);
    workers_->setEditTriggers(running ? QAbstractItemView::NoEditTriggers
                                      : QAbstractItemView::DoubleClicked |
                                            QAbstractItemView::EditKeyPressed);
    start_->setEnabled(!running);
    stop_->setEnabled(running);
}

void ChannelSetupDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    if (event->type() == QEvent::FontChange)
        fitWorkerRows();
    QWidget::changeEvent(event);
}

} // namespace shmscope::gui
