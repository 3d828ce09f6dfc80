~Version
#MNEM .UNIT                VALUE  : DESCRIPTION                    
 VERS .                      2.0  : CWLS LOG ASCII STANDARD - VERSION 2.0 
 WRAP .                       NO  : ONE LINE PER DEPTH STEP        
~Well
#MNEM .UNIT                                    VALUE  : DESCRIPTION
 STRT .F                                       580.0  : START DEPTH
 STOP .F                                      5252.0  : END DEPTH
 STEP .F                                         0.5  : STEP LENGTH
 NULL .                                      -999.25  : NULL VALUE
 COMP .                                  BEREXCO LLC  : Company
 WELL .                          Wellington KGS 1-32  : Well Name
 FLD  .                                   WELLINGTON  : Field
 SEC  .                                           32  : Section
 TOWN .                                          31S  : Township (e.g. 42S)
 RANG .                                           1W  : Range  (e.g. 25E)
 LOC  .                            T31S R1W, Sec. 32  : Location (Sec Town Range)
 LOC1 .                                  NE SW NE NE  : Location 1 (quarter calls)
 LOC2 .          955 South, 877 West, from NE corner  : Location 2 (footages)
 COUN .                                       SUMNER  : County
 STAT .                                       Kansas  : State
 CTRY .                                           US  : Country
 PROV .                                               : Province
 SRVC .                                  Halliburton  : Service Company
 LIC  .                                               : License Number
 DATE .                                   02/21/2011  : Completion Date
 API  .                                 15-191-22591  : API-Number
 UWI  .                                               : Unique Well ID Number
 LATI .DEG                                   37.3153  : Latitude
 LONG .DEG                                  -97.4424  : Longitude
~Parameter
#MNEM .UNIT                               VALUE  : DESCRIPTION
 PDAT .                                      GL  : Permanent Data
 APD  .F                                   13.0  : Above Permanent Data
 DREF .                                      KB  : Depth Reference (KB,DF,CB)
 EREF .F                                 1272.0  : Elevation of Depth Reference
 RUN  .                                       1  : Run Number
~Curve
#MNEM .UNIT               VALUE  : DESCRIPTION                    {FORMAT} | ASSOCIATION
 DEPT .F                         : Depth                          
 TENS .lbs                       : Tension                        
 RXRT .NONE                      : RXRT                           
 RXO  .ohmm                      : RXO                            
 RT90 .ohmm                      : 90in Resistivity 2ft Res       
 RT60 .ohmm                      : 60in Resistivity 2ft Res       
 RT30 .ohmm                      : 30in Resistivity 2ft Res       
 RT20 .ohmm                      : 20in Resistivity 2ft Res       
 RT10 .ohmm                      : 10in Resistivity 2ft Res       
 RT   .ohmm                      : RT                             
 RMUD .ohmm                      : RMUD                           
 RHOB .g/cc                      : Density                        
 QN   .NONE                      : NearQuality                    
 QF   .NONE                      : FarQuality                     
 PE   .                          : Pe                             
 NPHS .%                         : Neutron Porosity Sand          
 NPHL .%                         : Neu Por Lime                   
 NPHI .%                         : Neutron Porosity               
 NPHD .%                         : Neutron Porosity Dolo          
 DRHO .g/cc                      : DensityCorr                    
 DPHS .%                         : DenPhiSand                     
 DPHI .%                         : DensityPorosity                
 DPHD .%                         : DenPhiDolo                     
 DLIM .%                         : DenPhiLime                     
~Other
# TOPT TOPB RANK LVL TOPN TOPA EON ERA SYS SER SSYS SSER STG GRP SGRP FORM
 2406.0,0.0,"MEMBER","Poor","Heebner Shale","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Pennsylvanian","Upper","Virgilian","Shawnee","-999.25","Oread Limestone"
 2680.0,0.0,"MEMBER","Poor","Iatan Limestone","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Pennsylvanian","Upper","Virgilian","Douglas","-999.25","Stranger"
 2691.0,2691.0,"BED","Poor","Stalnaker Sandstone","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25","-999.25"
 3041.0,0.0,"GROUP","Poor","Lansing","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Pennsylvanian","Upper","Missourian","Lansing","-999.25","-999.25"
 3168.0,0.0,"MEMBER","Poor","Stark Shale","-999.25","Phanerozoic","Paleozoic","Carboniferous","-999.25","Pennsylvanian","Upper","Missourian","Kansas City","Bronson","Dennis Limestone"
~ASCII
# DEPT TENS RXRT RXO RT90 RT60 RT30 RT20 RT10 RT RMUD RHOB QN QF PE NPHS NPHL NPHI NPHD DRHO DPHS DPHI DPHD DLIM CT90 CALI MINV MNOR GR GRTO GRTC POTA URAN THOR TURT UKRT TKRT NOIS
 580.0000,1805.8065,-0.3677,2.4798,87.9060,54.6849,27.6935,14.6555,6.7422,87.9060,0.2535,2.2575,0.1663,-0.4282,7.6823,36.5449,31.7902,31.7902,29.1336,-0.1974,23.7881,26.4622,32.7542,26.4622,11.3758,4.5000,0.3179,0.1996,35.7831,27.6872,12.7333,0.4200,2.3883,2.1893,0.9167,5.6859,5.2120,0.0000
 580.5000,1801.3383,-0.3677,2.6072,99.1564,58.9579,29.2923,14.8604,6.9036,99.1564,0.2535,2.2306,-0.2244,-0.1238,7.6123,38.2083,33.5168,33.5168,30.7200,-0.2133,25.4192,28.0361,34.1934,28.0361,10.0851,4.5000,0.3171,0.1999,39.3911,30.4092,14.0487,0.4635,2.6093,2.4152,0.9256,5.6297,5.2110,0.0000
 581.0000,1811.3805,-0.3677,3.1475,141.0627,78.1609,37.6383,18.1430,8.6243,141.0627,0.2535,2.2028,-0.2051,0.1057,7.5007,39.8988,35.2864,35.2864,32.3404,-0.2289,27.1055,29.6632,35.6813,29.6632,7.0890,4.5000,0.3165,0.1990,42.3487,32.9018,14.9807,0.4979,2.8406,2.5578,0.9004,5.7047,5.1366,1.6000
 581.5000,1828.4485,-0.3677,3.9566,244.2260,123.3665,56.7806,25.6677,12.5092,244.2260,0.2535,2.1726,0.1235,0.3942,7.3829,40.0667,35.4631,35.4631,32.5019,-0.2452,28.9318,31.4254,37.2928,31.4254,4.0946,4.5000,0.3164,0.2005,46.1798,34.1232,15.3487,0.5098,2.9517,2.6223,0.8884,5.7896,5.1434,1.6000
 582.0000,1836.9476,-0.3677,4.9928,545.4106,229.6292,96.4031,38.2942,18.5034,545.4106,0.2535,2.1381,0.0335,0.2252,7.3340,40.1290,35.5286,35.5286,32.5617,-0.2617,31.0258,33.4459,39.1404,33.4459,1.8335,4.5000,0.3168,0.2026,48.1221,33.7650,14.9483,0.4923,2.9456,2.5737,0.8737,5.9828,5.2275,1.6000
