#include "log_dock.hpp"

#include "log_model.hpp"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace shmscope::gui {

LogDock::LogDock(widgets::LogModel& model, QWidget* parent)
    : QWidget(parent), model_(model), filter_(new QSortFilterProxyModel(this)),
      filterText_(new QLineEdit(this)), view_(new QTableView(this)), copy_(new QPushButton(this)),
      save_(new QPushButton(this)) {
    filter_->setSourceModel(&model);
    filter_->setFilterKeyColumn(-1);
    filter_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    view_->setModel(filter_);
    view_->verticalHeader()->hide();
    view_->horizontalHeader()->setStretchLastSection(true);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setWordWrap(false);
    filterText_->setClearButtonEnabled(true);

    auto* bar = new QHBoxLayout;
    bar->addWidget(filterText_, 1);
    bar->addWidget(copy_);
    bar->addWidget(save_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(view_, 1);

    connect(filterText_, &QLineEdit::textChanged, filter_,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(copy_, &QPushButton::clicked, this, &LogDock::copySelection);
    connect(save_, &QPushButton::clicked, this, &LogDock::save);
    // Follow new lines while the view is scrolled to the bottom.
    connect(filter_, &QAbstractItemModel::rowsInserted, this, [this] {
        QScrollBar* scroll = view_->verticalScrollBar();
        if (scroll->value() >= scroll->maximum() - 2)
            view_->scrollToBottom();
    });
    retranslate();
}

void LogDock::copySelection() {
    QList<int> rows;
    for (const QModelIndex& index : view_->selectionModel()->selectedRows())
        rows << filter_->mapToSource(index).row();
    std::sort(rows.begin(), rows.end());
    QApplication::clipboard()->setText(model_.formatRows(rows));
}

void LogDock::save() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save log"), QStringLiteral("shmscope.log"), tr("Text files (*.log *.txt)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        model_.save(file);
        file.commit();
    }
}

void LogDock::retranslate() {
    filterText_->setPlaceholderText(tr("Filter (pid, role, text)…"));
    copy_->setText(tr("Copy"));
    copy_->setToolTip(tr("Copy the selected lines"));
    save_->setText(tr("Save…"));
    save_->setToolTip(tr("Save every line to a file"));
    view_->setAccessibleName(tr("Log"));
}

void LogDock::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace shmscope::gui
