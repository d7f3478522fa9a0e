import { Module } from '@nestjs/common';
import { ClockReminderJob } from './clock-reminder.job';
import { NotificationsPageController } from './notifications-page.controller';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { StaffNotifier } from './staff-notifier';

// Staff notifications: the rule table applied where events are appended (StaffNotifier),
// the clock reminders, the API and the page.
@Module({
  controllers: [NotificationsController, NotificationsPageController],
  providers: [StaffNotifier, NotificationsService, ClockReminderJob],
})
export class NotificationsModule {}
