// The settings section's strings (ui/panels/settings.*): its label nav_settings, its
// description about_settings and its own keys (new keys prefixed settings_).
// SK_STR(key, English, Simplified Chinese); included into the one table by strings_table.h.
// No #pragma once: this file is included once per use of the table.
// clang-format off
SK_STR(nav_settings, "Settings", "设置")
SK_STR(settings_store, "Store", "店铺")
SK_STR(settings_store_name, "Store name", "店铺名称")
SK_STR(settings_reset_store, "Reset store…", "重置店铺…")
SK_STR(settings_reset_confirm, "Delete every product, order, customer and setting in this store? This cannot be undone. Download a backup first if you may need the data.", "删除此店铺的所有商品、订单、客户和设置？此操作无法撤销。如可能还需要这些数据，请先下载备份。")
SK_STR(settings_reset_do, "Delete everything", "全部删除")
SK_STR(settings_demo_open_in_settings, "Replace with the demo store", "替换为示例店铺")
SK_STR(settings_demo_replace_confirm, "Replace everything in this store with the demo store?", "用示例店铺替换此店铺中的全部数据？")
SK_STR(settings_theme, "Theme", "主题")
SK_STR(settings_theme_light, "Light", "浅色")
SK_STR(settings_theme_dark, "Dark", "深色")
SK_STR(settings_data_dir, "Data folder", "数据文件夹")
SK_STR(settings_version, "Version", "版本")
SK_STR(settings_backup_title, "Backup and restore", "备份与恢复")
SK_STR(settings_backup_download, "Download a backup", "下载备份")
SK_STR(settings_backup_restore, "Restore from a backup…", "从备份恢复…")
SK_STR(settings_backup_tip, "A backup is one file with the whole store. Restoring checks the file (integrity and schema version) first and keeps the current store until the restored one has opened.", "备份是包含整个店铺数据的单个文件。恢复前会先检查文件（完整性与版本），在恢复后的店铺成功打开之前保留当前店铺。")
SK_STR(settings_backup_confirm, "Replace everything in this store with the backup?", "用备份替换此店铺中的全部数据？")
SK_STR(settings_backup_restored, "Backup restored.", "备份已恢复。")
SK_STR(settings_backup_from, "Backup made", "备份时间")
SK_STR(settings_restore_do, "Restore", "恢复")
// clang-format on
