import { Module } from '@nestjs/common';
import { DeskConfig } from '../config/desk-config';
import { HomeController } from './home.controller';
import { setPublisherName } from './layout';

@Module({ controllers: [HomeController] })
export class WebModule {
  // The outlet's name in every page's furniture comes from PUBLISHER_NAME.
  constructor(config: DeskConfig) {
    setPublisherName(config.publisherName);
  }
}
